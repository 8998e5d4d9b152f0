"""The city's partner organisations (their lists: ``domain.organisations.reading``)."""

from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

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


async def find_by_name(session: AsyncSession, name: str) -> Organisation | None:
    return await session.scalar(select(Organisation).where(Organisation.name == name))


async def find(session: AsyncSession, name_or_id: str) -> Organisation | None:
    """The city's organisation with this id, or else this name (how an operator names one)."""
    try:
        ident = uuid.UUID(name_or_id)
    except ValueError:
        return await find_by_name(session, name_or_id)
    return await session.get(Organisation, (require_tenant_id(), ident))


async def names(session: AsyncSession) -> list[str]:
    """The city's organisation names, alphabetically (to tell an operator what there is)."""
    return list(await session.scalars(select(Organisation.name).order_by(Organisation.name)))
