"""Subject access: the person's support cases, every change of them, and their consents."""

from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.lifecycle.collect import row
from domain.lifecycle.registry import register_collector
from domain.organisations.models import Organisation
from domain.support.models import Consent, SupportCase, SupportTransition


async def collect_cases(session: AsyncSession, person_id: uuid.UUID) -> list[dict]:
    stmt = (select(SupportCase, Organisation.name)
            .outerjoin(Organisation, Organisation.id == SupportCase.provider_organisation_id)
            .where(SupportCase.person_id == person_id).order_by(SupportCase.status_on, SupportCase.id))
    return [row(c, provider_organisation=name) for c, name in (await session.execute(stmt)).all()]


async def collect_transitions(session: AsyncSession, person_id: uuid.UUID) -> list[dict]:
    stmt = (select(SupportTransition).join(SupportCase, SupportCase.id == SupportTransition.case_id)
            .where(SupportCase.person_id == person_id)
            .order_by(SupportTransition.case_id, SupportTransition.occurred_on, SupportTransition.created_at))
    return [row(t) for t in await session.scalars(stmt)]


async def collect_consents(session: AsyncSession, person_id: uuid.UUID) -> list[dict]:
    stmt = select(Consent).where(Consent.person_id == person_id).order_by(Consent.recorded_on, Consent.id)
    return [row(c) for c in await session.scalars(stmt)]


register_collector("support_cases", collect_cases)
register_collector("support_transitions", collect_transitions)
register_collector("consents", collect_consents)
