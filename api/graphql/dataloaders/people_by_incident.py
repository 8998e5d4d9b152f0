"""The people linked to incidents, with their role: rows ``(incident_id, role, Person)``, one query per batch."""

from __future__ import annotations

from sqlalchemy import Select, and_, select

from api.graphql.dataloaders.base import JoinedByKey
from domain.incidents.models import IncidentPerson
from domain.people.models import Person


class PeopleByIncidentLoader(JoinedByKey):
    def statement(self, keys: list) -> Select:
        return (select(IncidentPerson.incident_id, IncidentPerson.role, Person)
                .join(Person, and_(Person.tenant_id == IncidentPerson.tenant_id, Person.id == IncidentPerson.person_id))
                .where(IncidentPerson.incident_id.in_(keys))
                .order_by(IncidentPerson.role, Person.family_name, Person.given_name, Person.id))
