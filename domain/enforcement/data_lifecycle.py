"""Subject access: enforcement actions that targeted the person."""

from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.enforcement.models import EnforcementAction, EnforcementPerson
from domain.lifecycle.collect import row
from domain.lifecycle.registry import register_collector
from domain.organisations.models import Organisation


async def collect_enforcement(session: AsyncSession, person_id: uuid.UUID) -> list[dict]:
    stmt = (select(EnforcementAction, Organisation.name).join(EnforcementPerson, EnforcementPerson.action_id == EnforcementAction.id)
            .outerjoin(Organisation, Organisation.id == EnforcementAction.organisation_id)
            .where(EnforcementPerson.person_id == person_id).order_by(EnforcementAction.taken_on, EnforcementAction.id))
    return [row(a, organisation=name) for a, name in (await session.execute(stmt)).all()]


register_collector("enforcement_actions", collect_enforcement)
