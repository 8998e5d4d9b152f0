"""The incidents that triggered enforcement actions: rows ``(action_id, Incident)``."""

from __future__ import annotations

from sqlalchemy import Select, and_, select

from api.graphql.dataloaders.base import JoinedByKey
from domain.access.readable import visible
from domain.access.viewer import Viewer
from domain.enforcement.models import EnforcementIncident as EI
from domain.incidents.models import Incident


class IncidentsByEnforcementActionLoader(JoinedByKey):
    def statement(self, keys: list, viewer: Viewer) -> Select:
        return (select(EI.action_id, Incident)
                .join(Incident, and_(Incident.tenant_id == EI.tenant_id, Incident.id == EI.incident_id))
                .where(EI.action_id.in_(keys), visible(EI, viewer), visible(Incident, viewer)).order_by(Incident.occurred_at, Incident.id))
