"""Enforcement actions and who and what they concern are police intelligence: ``enforcement``."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import Select

from domain.access.listing import Condition, at_least, at_most, equals, narrow
from domain.access.paging import Page, PageRequest, Reader, fetch, orderings
from domain.access.readable import readable, register
from domain.access.viewer import Viewer
from domain.enforcement.models import EnforcementAction, EnforcementIncident, EnforcementPerson
from domain.identity.permissions import Category

for _model in (EnforcementAction, EnforcementPerson, EnforcementIncident):
    register(_model, Category.enforcement)



ENFORCEMENT_FILTERS: dict[str, Condition] = {
    "type": equals(EnforcementAction.type), "taken_from": at_least(EnforcementAction.taken_on),
    "taken_to": at_most(EnforcementAction.taken_on), "group_id": equals(EnforcementAction.group_id),
}


def enforcement_actions(viewer: Viewer, filters: Mapping[str, Any] | None = None) -> Select:
    return narrow(readable(EnforcementAction, viewer), filters, ENFORCEMENT_FILTERS)


ENFORCEMENT_ORDERS = orderings(EnforcementAction, {"taken_on_desc": ("taken_on", True), "taken_on": ("taken_on", False)})


async def list_enforcement_actions(reader: Reader, viewer: Viewer, filters: Mapping[str, Any] | None, order: str,
                                   page: PageRequest) -> Page:
    """A page of ``enforcement_actions`` in ``order`` (taken_on_desc, taken_on)."""
    return await fetch(reader, enforcement_actions(viewer, filters), ENFORCEMENT_ORDERS[order], page)
