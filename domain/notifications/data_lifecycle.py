"""Subject access: custom notifications delivered (or attempted) to the person, and by which organisations."""

from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.lifecycle.collect import row
from domain.lifecycle.registry import register_collector
from domain.notifications.models import CustomNotification, NotificationOrganisation
from domain.organisations.models import Organisation


async def collect_notifications(session: AsyncSession, person_id: uuid.UUID) -> list[dict]:
    notes = list(await session.scalars(select(CustomNotification).where(CustomNotification.person_id == person_id)
                                       .order_by(CustomNotification.delivered_on, CustomNotification.id)))
    by: dict[uuid.UUID, list[str]] = {n.id: [] for n in notes}
    if notes:
        stmt = (select(NotificationOrganisation.notification_id, Organisation.name)
                .join(Organisation, Organisation.id == NotificationOrganisation.organisation_id)
                .where(NotificationOrganisation.notification_id.in_(by)).order_by(Organisation.name))
        for nid, name in (await session.execute(stmt)).all():
            by[nid].append(name)
    return [row(n, organisations="; ".join(by[n.id])) for n in notes]


register_collector("custom_notifications", collect_notifications)
