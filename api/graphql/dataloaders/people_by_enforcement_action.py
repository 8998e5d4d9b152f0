"""The people an enforcement action targeted: rows ``(action_id, Person)``."""

from __future__ import annotations

from sqlalchemy import Select, and_, select

from api.graphql.dataloaders.base import JoinedByKey
from domain.access.readable import visible
from domain.access.viewer import Viewer
from domain.enforcement.models import EnforcementPerson as EP
from domain.people.models import Person


class PeopleByEnforcementActionLoader(JoinedByKey):
    def statement(self, keys: list, viewer: Viewer) -> Select:
        return (select(EP.action_id, Person)
                .join(Person, and_(Person.tenant_id == EP.tenant_id, Person.id == EP.person_id))
                .where(EP.action_id.in_(keys), visible(EP, viewer), visible(Person, viewer))
                .order_by(Person.family_name, Person.given_name, Person.id))
