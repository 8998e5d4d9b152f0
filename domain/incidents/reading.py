"""Incidents, their links and reviews: ``incidents`` for all rows (no own-organisation share)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import ColumnElement, Select, select

from domain.access.listing import Condition, at_least, before, equals, is_, narrow, one_of
from domain.access.paging import Page, PageRequest, Reader, fetch, orderings
from domain.access.readable import readable, register
from domain.access.viewer import Viewer
from domain.identity.permissions import Category
from domain.incidents.models import (
    GroupInvolvementAssessment,
    Incident,
    IncidentGroup,
    IncidentPerson,
    IncidentReview,
    ReviewDecision,
)

for _model in (Incident, IncidentGroup, IncidentPerson, GroupInvolvementAssessment, IncidentReview, ReviewDecision):
    register(_model, Category.incidents)



def _attributed_to(group_id) -> ColumnElement[bool]:
    return select(IncidentGroup.id).where(IncidentGroup.incident_id == Incident.id, IncidentGroup.group_id == group_id).exists()


INCIDENT_FILTERS: dict[str, Condition] = {
    "types": one_of(Incident.type), "occurred_from": at_least(Incident.occurred_at),
    "occurred_to": before(Incident.occurred_at), "area": equals(Incident.area), "confirmed": is_(Incident.confirmed),
    "external_reference": equals(Incident.external_reference), "group_id": _attributed_to,
}


def incidents(viewer: Viewer, filters: Mapping[str, Any] | None = None) -> Select:
    """The incidents ``viewer`` may see, narrowed by ``filters``."""
    return narrow(readable(Incident, viewer), filters, INCIDENT_FILTERS)


def incident_reviews(viewer: Viewer) -> Select:
    return readable(IncidentReview, viewer)


INCIDENT_ORDERS = orderings(Incident, {"occurred_at_desc": ("occurred_at", True), "occurred_at": ("occurred_at", False)})


async def list_incidents(reader: Reader, viewer: Viewer, filters: Mapping[str, Any] | None, order: str,
                         page: PageRequest) -> Page:
    """A page of ``incidents`` in ``order`` (occurred_at_desc, occurred_at)."""
    return await fetch(reader, incidents(viewer, filters), INCIDENT_ORDERS[order], page)


REVIEW_ORDERS = orderings(IncidentReview, {"held_on_desc": ("held_on", True)})


async def list_incident_reviews(reader: Reader, viewer: Viewer, order: str, page: PageRequest) -> Page:
    return await fetch(reader, incident_reviews(viewer), REVIEW_ORDERS[order], page)
