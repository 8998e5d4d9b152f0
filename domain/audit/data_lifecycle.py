"""Subject access: who accessed or passed on the person's data (art. 15(1)(c): recipients)."""

from __future__ import annotations

import uuid

from sqlalchemy import or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.audit.models import AuditEntry, AuditOutcome
from domain.lifecycle.registry import register_collector


async def collect_access_log(session: AsyncSession, person_id: uuid.UUID) -> list[dict]:
    # Organisations and purposes, not the names of individual officers.
    stmt = (select(AuditEntry)
            .where(or_(AuditEntry.object_id == person_id, AuditEntry.details["results"].has_key(str(person_id))),
                   AuditEntry.outcome == AuditOutcome.allowed)
            .order_by(AuditEntry.seq))
    return [{"occurred_at": e.occurred_at, "action": e.action, "organisation_id": e.organisation_id,
             "purpose": e.purpose, "agreement_id": e.agreement_id,
             "recipient_organisation_id": e.details.get("to_organisation_id")}
            for e in await session.scalars(stmt)]


register_collector("access_log", collect_access_log)
