"""Outreach activity: ``outreach``; an own-organisation viewer sees its organisation's activity."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from typing import Any

from sqlalchemy import ColumnElement, Select

from domain.access.listing import Condition, at_least, at_most, equals, narrow
from domain.access.paging import Page, PageRequest, Reader, fetch, orderings
from domain.access.readable import readable, register
from domain.access.viewer import Viewer
from domain.identity.permissions import Category
from domain.outreach.models import OutreachActivity


def logged_by(organisation_id: uuid.UUID) -> ColumnElement[bool]:
    return OutreachActivity.organisation_id == organisation_id


register(OutreachActivity, Category.outreach, own_organisation=logged_by)



OUTREACH_FILTERS: dict[str, Condition] = {
    "kind": equals(OutreachActivity.kind), "occurred_from": at_least(OutreachActivity.occurred_on),
    "occurred_to": at_most(OutreachActivity.occurred_on),
}


def outreach_activities(viewer: Viewer, filters: Mapping[str, Any] | None = None) -> Select:
    return narrow(readable(OutreachActivity, viewer), filters, OUTREACH_FILTERS)


OUTREACH_ORDERS = orderings(OutreachActivity, {"occurred_on_desc": ("occurred_on", True), "occurred_on": ("occurred_on", False)})


async def list_outreach_activities(reader: Reader, viewer: Viewer, filters: Mapping[str, Any] | None, order: str,
                                   page: PageRequest) -> Page:
    """A page of ``outreach_activities`` in ``order`` (occurred_on_desc, occurred_on)."""
    return await fetch(reader, outreach_activities(viewer, filters), OUTREACH_ORDERS[order], page)
