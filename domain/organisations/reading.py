"""The city's partner organisations: one statement for every list of them (GraphQL, REST, the CLI).

An organisation has no visibility rule of its own: the lists are reached only past the gate's
``programme`` read (which the matrix grants for all of the city or not at all), and a row that
references an organisation shows it to whoever may see that row.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import Select

from domain.access.listing import Condition, contains_text, equals, is_, narrow
from domain.access.paging import Page, PageRequest, Reader, fetch, orderings
from domain.access.readable import readable
from domain.access.viewer import Viewer
from domain.organisations.models import Organisation

ORGANISATION_FILTERS: dict[str, Condition] = {
    "kind": equals(Organisation.kind), "active": is_(Organisation.active),
    "name_contains": contains_text(Organisation.name),
}
ORGANISATION_ORDERS = orderings(Organisation, {"name": ("name", False), "created_at_desc": ("created_at", True)})


def organisations(viewer: Viewer, filters: Mapping[str, Any] | None = None) -> Select:
    return narrow(readable(Organisation, viewer), filters, ORGANISATION_FILTERS)


async def list_organisations(reader: Reader, viewer: Viewer, filters: Mapping[str, Any] | None, order: str,
                             page: PageRequest) -> Page:
    """A page of ``organisations`` in ``order`` (name, created_at_desc)."""
    return await fetch(reader, organisations(viewer, filters), ORGANISATION_ORDERS[order], page)
