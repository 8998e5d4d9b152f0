"""The city's partner organisations."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from domain.access.listing import Condition, contains_text, equals, is_, narrow
from domain.access.paging import Page, PageRequest, Reader, fetch, orderings
from domain.organisations.models import Organisation, OrganisationKind
from domain.rules import required_text
from tenants.context import require_tenant_id
from tenants.errors import Conflict, ErrorCollector


async def create(session: AsyncSession, *, name: str, kind: OrganisationKind, active: bool = True) -> Organisation:
    errors = ErrorCollector()
    name = required_text(errors, "name", name)
    errors.raise_if_any("Cannot create organisation")
    if await session.scalar(select(Organisation.id).where(Organisation.name == name)) is not None:
        raise Conflict.single("name", "already_exists", f"an organisation named {name!r} already exists")
    org = Organisation(tenant_id=require_tenant_id(), name=name, kind=OrganisationKind(kind), active=active)
    session.add(org)
    try:
        async with session.begin_nested():
            await session.flush()
    except IntegrityError as exc:  # a concurrent create took the name
        raise Conflict.single("name", "already_exists", f"an organisation named {name!r} already exists") from exc
    await session.refresh(org, ["created_at"])
    return org


async def list_all(session: AsyncSession) -> list[Organisation]:
    return list(await session.scalars(select(Organisation).order_by(Organisation.name)))


ORGANISATION_FILTERS: dict[str, Condition] = {
    "kind": equals(Organisation.kind), "active": is_(Organisation.active),
    "name_contains": contains_text(Organisation.name),
}
ORGANISATION_ORDERS = orderings(Organisation, {"name": ("name", False), "created_at_desc": ("created_at", True)})


async def list_organisations(reader: Reader, filters: Mapping[str, Any] | None, order: str, page: PageRequest) -> Page:
    """A page of the city's partner organisations (every reader of ``programme`` sees all of them)."""
    return await fetch(reader, narrow(select(Organisation), filters, ORGANISATION_FILTERS), ORGANISATION_ORDERS[order], page)
