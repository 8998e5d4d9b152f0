"""Groups, their risk assessments and relationships are police intelligence: ``groups`` for all rows."""

from __future__ import annotations

from domain.access.readable import register
from domain.groups.models import Group, GroupRelationship, GroupRiskAssessment
from domain.identity.permissions import Category

for _model in (Group, GroupRiskAssessment, GroupRelationship):
    register(_model, Category.groups)
