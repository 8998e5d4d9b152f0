"""The programme's settings, phases, fidelity checks and context events: ``programme``."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import Select, or_

from domain.access.listing import Condition, at_most, equals, narrow
from domain.access.paging import Page, PageRequest, Reader, fetch, orderings
from domain.access.readable import readable, register
from domain.access.viewer import Viewer
from domain.identity.permissions import Category
from domain.programme.models import ContextEvent, FidelityCheck, ProgrammePhase, ProgrammeSettings

for _model in (ProgrammeSettings, ProgrammePhase, FidelityCheck, ContextEvent):
    register(_model, Category.programme)


def phases(viewer: Viewer) -> Select:
    """The programme's phases, earliest first."""
    return readable(ProgrammePhase, viewer).order_by(ProgrammePhase.started_on)


CONTEXT_EVENT_FILTERS: dict[str, Condition] = {
    "start": lambda day: or_(ContextEvent.ended_on.is_(None), ContextEvent.ended_on >= day),
    "end": at_most(ContextEvent.started_on), "kind": equals(ContextEvent.kind),
}


def context_events(viewer: Viewer, filters: Mapping[str, Any] | None = None) -> Select:
    return narrow(readable(ContextEvent, viewer), filters, CONTEXT_EVENT_FILTERS)


CONTEXT_EVENT_ORDERS = orderings(ContextEvent, {"started_on": ("started_on", False), "started_on_desc": ("started_on", True)})


async def list_context_events(reader: Reader, viewer: Viewer, filters: Mapping[str, Any] | None, order: str,
                              page: PageRequest) -> Page:
    """A page of ``context_events`` in ``order`` (started_on, started_on_desc)."""
    return await fetch(reader, context_events(viewer, filters), CONTEXT_EVENT_ORDERS[order], page)
