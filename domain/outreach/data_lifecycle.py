"""Subject access: outreach contacts with the person, and mediations they were a party to."""

from __future__ import annotations

import uuid

from sqlalchemy import or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.lifecycle.collect import row
from domain.lifecycle.registry import register_collector
from domain.outreach.models import OutreachActivity


async def collect_outreach(session: AsyncSession, person_id: uuid.UUID) -> list[dict]:
    stmt = (select(OutreachActivity)
            .where(or_(OutreachActivity.person_id == person_id, OutreachActivity.other_person_id == person_id))
            .order_by(OutreachActivity.occurred_on, OutreachActivity.id))
    # the other party of a mediation is someone else: only that there was one
    return [row(a, leave_out={"person_id", "other_person_id"},
                role="contact" if a.person_id == person_id else "other party")
            for a in await session.scalars(stmt)]


register_collector("outreach", collect_outreach)
