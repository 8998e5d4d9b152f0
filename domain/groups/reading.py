"""Groups, their risk assessments and relationships are police intelligence: ``groups`` for all rows."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import Select

from domain.access.listing import Condition, contains_text, equals, holds, narrow
from domain.access.paging import Page, PageRequest, Reader, fetch, orderings
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


GROUP_ORDERS = orderings(Group, {"name": ("name", False), "created_at_desc": ("created_at", True)})


async def list_groups(reader: Reader, viewer: Viewer, filters: Mapping[str, Any] | None, order: str,
                      page: PageRequest) -> Page:
    """A page of ``groups`` in ``order`` (name, created_at_desc)."""
    return await fetch(reader, groups(viewer, filters), GROUP_ORDERS[order], page)
