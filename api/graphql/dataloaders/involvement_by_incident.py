"""An incident's group-involvement assessments (history) (one query per batch of keys)."""

from __future__ import annotations

from api.graphql.dataloaders.base import ByKey
from domain.incidents.models import GroupInvolvementAssessment


class InvolvementByIncidentLoader(ByKey):
    model = GroupInvolvementAssessment
    column = "incident_id"
    order = ('assessed_at', 'id')
