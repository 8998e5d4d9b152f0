"""Custom notifications: one person, sought out individually, given the message and the offer."""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy.ext.asyncio import AsyncSession

from domain.notifications.models import CustomNotification, NotificationOrganisation, NotificationOutcome, NotificationSetting
from domain.organisations.models import Organisation
from domain.people.models import Person
from domain.rules import get, not_future, required_text
from tenants.context import require_tenant_id
from tenants.errors import ErrorCollector


async def record(
    session: AsyncSession,
    *,
    person_id: uuid.UUID,
    delivered_on: date,
    setting: NotificationSetting,
    delivered_by: str,
    organisation_ids: list[uuid.UUID],
    outcome: NotificationOutcome,
    support_offered: bool,
    message: str | None = None,
    risk_assessment: str | None = None,
    follow_up_on: date | None = None,
) -> CustomNotification:
    outcome = NotificationOutcome(outcome)
    errors = ErrorCollector()
    not_future(errors, "delivered_on", delivered_on)
    required_text(errors, "delivered_by", delivered_by, 400)
    if not organisation_ids:
        errors.add("organisation_ids", "required", "name the delivering organisation(s)")
    if support_offered and outcome is not NotificationOutcome.delivered:
        errors.add("support_offered", "not_delivered", "support can only have been offered when the notification was delivered")
    if follow_up_on is not None and follow_up_on < delivered_on:
        errors.add("follow_up_on", "before_delivery", "must not be before the notification")
    errors.raise_if_any("Cannot record custom notification")
    await get(session, Person, person_id, "person_id")
    for i, org in enumerate(dict.fromkeys(organisation_ids)):
        await get(session, Organisation, org, f"organisation_ids[{i}]")
    row = CustomNotification(
        tenant_id=require_tenant_id(), id=uuid.uuid4(), person_id=person_id, delivered_on=delivered_on,
        setting=NotificationSetting(setting), delivered_by=delivered_by, outcome=outcome, support_offered=support_offered,
        message=message, risk_assessment=risk_assessment, follow_up_on=follow_up_on,
    )
    session.add(row)
    await session.flush()
    session.add_all([NotificationOrganisation(tenant_id=row.tenant_id, notification_id=row.id, organisation_id=o)
                     for o in dict.fromkeys(organisation_ids)])
    await session.flush()
    return row
