"""Call-ins, their speakers and clients: ``callins`` for all rows."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import Select

from domain.access.listing import Condition, at_least, at_most, equals, narrow
from domain.access.paging import Page, PageRequest, Reader, fetch, orderings
from domain.access.readable import readable, register
from domain.access.viewer import Viewer
from domain.callins.models import CallIn, CallInClient, CallInSpeaker
from domain.identity.permissions import Category

for _model in (CallIn, CallInSpeaker, CallInClient):
    register(_model, Category.callins)



CALL_IN_FILTERS: dict[str, Condition] = {
    "status": equals(CallIn.status), "held_from": at_least(CallIn.held_on), "held_to": at_most(CallIn.held_on),
}


def call_ins(viewer: Viewer, filters: Mapping[str, Any] | None = None) -> Select:
    return narrow(readable(CallIn, viewer), filters, CALL_IN_FILTERS)


CALL_IN_ORDERS = orderings(CallIn, {"held_on_desc": ("held_on", True), "held_on": ("held_on", False)})


async def list_call_ins(reader: Reader, viewer: Viewer, filters: Mapping[str, Any] | None, order: str,
                        page: PageRequest) -> Page:
    """A page of ``call_ins`` in ``order`` (held_on_desc, held_on)."""
    return await fetch(reader, call_ins(viewer, filters), CALL_IN_ORDERS[order], page)
