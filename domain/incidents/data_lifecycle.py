"""Subject access: the incidents a person is recorded in, and in what role."""

from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.incidents.models import Incident, IncidentPerson
from domain.lifecycle.registry import register_collector


async def collect_incidents(session: AsyncSession, person_id: uuid.UUID) -> list[dict]:
    stmt = (select(IncidentPerson.role, Incident).join(Incident, Incident.id == IncidentPerson.incident_id)
            .where(IncidentPerson.person_id == person_id).order_by(Incident.occurred_at, Incident.id))
    return [{"incident_id": i.id, "role": role, "type": i.type, "occurred_at": i.occurred_at, "area": i.area,
             "confirmed": i.confirmed, "killed": i.killed, "injured": i.injured, "description": i.description}
            for role, i in (await session.execute(stmt)).all()]


register_collector("incidents", collect_incidents)
