"""A group's risk assessments (history, oldest first) (one query per batch of keys)."""

from __future__ import annotations

from api.graphql.dataloaders.base import ByKey
from domain.groups.models import GroupRiskAssessment


class RiskAssessmentsByGroupLoader(ByKey):
    model = GroupRiskAssessment
    column = "group_id"
    order = ('assessed_on', 'created_at', 'id')
