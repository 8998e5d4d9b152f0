"""The city's partner organisations."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.organisations.models import Organisation, OrganisationKind
from domain.rules import required_text
from tenants.context import require_tenant_id
from tenants.errors import Conflict, ErrorCollector


async def create(session: AsyncSession, *, name: str, kind: OrganisationKind) -> Organisation:
    errors = ErrorCollector()
    name = required_text(errors, "name", name)
    errors.raise_if_any("Cannot create organisation")
    if await session.scalar(select(Organisation.id).where(Organisation.name == name)) is not None:
        raise Conflict.single("name", "already_exists", f"an organisation named {name!r} already exists")
    org = Organisation(tenant_id=require_tenant_id(), name=name, kind=OrganisationKind(kind))
    session.add(org)
    await session.flush()
    return org


async def list_all(session: AsyncSession) -> list[Organisation]:
    return list(await session.scalars(select(Organisation).order_by(Organisation.name)))
