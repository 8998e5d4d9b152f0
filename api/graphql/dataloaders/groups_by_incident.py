"""The groups linked to incidents, with their role: rows ``(incident_id, role, Group)``, one query per batch."""

from __future__ import annotations

from sqlalchemy import Select, and_, select

from api.graphql.dataloaders.base import JoinedByKey
from domain.access.readable import visible
from domain.access.viewer import Viewer
from domain.groups.models import Group
from domain.incidents.models import IncidentGroup


class GroupsByIncidentLoader(JoinedByKey):
    def statement(self, keys: list, viewer: Viewer) -> Select:
        return (select(IncidentGroup.incident_id, IncidentGroup.role, Group)
                .join(Group, and_(Group.tenant_id == IncidentGroup.tenant_id, Group.id == IncidentGroup.group_id))
                .where(IncidentGroup.incident_id.in_(keys), visible(IncidentGroup, viewer), visible(Group, viewer))
                .order_by(Group.name, IncidentGroup.role))
