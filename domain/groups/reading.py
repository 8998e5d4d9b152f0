"""Groups, their risk assessments and relationships are police intelligence: ``groups`` for all rows."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import Select

from domain.access.listing import Condition, contains_text, equals, holds, narrow
from domain.access.readable import readable, register
from domain.access.viewer import Viewer
from domain.groups.models import Group, GroupRelationship, GroupRiskAssessment
from domain.identity.permissions import Category

for _model in (Group, GroupRiskAssessment, GroupRelationship):
    register(_model, Category.groups)



GROUP_FILTERS: dict[str, Condition] = {
    "status": equals(Group.status), "area": holds(Group.areas), "name_contains": contains_text(Group.name),
}


def groups(viewer: Viewer, filters: Mapping[str, Any] | None = None) -> Select:
    return narrow(readable(Group, viewer), filters, GROUP_FILTERS)
