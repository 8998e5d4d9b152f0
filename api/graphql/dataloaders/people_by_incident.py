"""The people linked to incidents, with their role: rows ``(incident_id, role, Person)``, one query per batch."""

from __future__ import annotations

from sqlalchemy import Select, and_, select

from api.graphql.dataloaders.base import JoinedByKey
from domain.access.readable import visible
from domain.access.viewer import Viewer
from domain.incidents.models import IncidentPerson
from domain.people.models import Person


class PeopleByIncidentLoader(JoinedByKey):
    def statement(self, keys: list, viewer: Viewer) -> Select:
        return (select(IncidentPerson.incident_id, IncidentPerson.role, Person)
                .join(Person, and_(Person.tenant_id == IncidentPerson.tenant_id, Person.id == IncidentPerson.person_id))
                .where(IncidentPerson.incident_id.in_(keys), visible(IncidentPerson, viewer), visible(Person, viewer))
                .order_by(IncidentPerson.role, Person.family_name, Person.given_name, Person.id))
