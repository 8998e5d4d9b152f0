"""Subject access: the person's own requests and how they were handled."""

from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.governance.models import DataSubjectRequest
from domain.lifecycle.registry import register_collector


async def collect_requests(session: AsyncSession, person_id: uuid.UUID) -> list[dict]:
    stmt = select(DataSubjectRequest).where(DataSubjectRequest.person_id == person_id).order_by(DataSubjectRequest.received_on)
    return [{"kind": r.kind, "received_on": r.received_on, "deadline": r.deadline, "status": r.status,
             "outcome": r.outcome, "closed_on": r.closed_on} for r in await session.scalars(stmt)]


register_collector("data_subject_requests", collect_requests)
