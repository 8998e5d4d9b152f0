"""Onboarding and listing tenants (the platform admin's operations)."""

from __future__ import annotations

import re
import uuid

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from tenants import municipalities
from tenants.errors import Conflict, ErrorCollector, NotFound
from tenants.models import Tenant, TenantStatus

SLUG_RE = re.compile(r"^[a-z][a-z0-9-]{1,39}$")


async def create(
    session: AsyncSession,
    *,
    slug: str,
    name: str,
    kommunkod: str,
    police_area: str | None = None,
) -> Tenant:
    """Register a city. Validates every field first and writes nothing when one is wrong."""
    errors = ErrorCollector()
    if not SLUG_RE.match(slug or ""):
        errors.add("slug", "invalid_format", "must be 2–40 characters: lower-case a–z, digits and '-', starting with a letter")
    if not (name or "").strip():
        errors.add("name", "required", "must not be empty")
    elif len(name) > 200:
        errors.add("name", "too_long", "must be at most 200 characters")
    if municipalities.lookup(kommunkod or "") is None:
        errors.add("kommunkod", "unknown_municipality", f"{kommunkod!r} is not one of Sweden's 290 municipality codes")
    if not errors.errors and await get_by_slug(session, slug) is not None:
        errors.add("slug", "already_exists", f"a tenant with slug {slug!r} already exists")
    errors.raise_if_any("Cannot create tenant")
    tenant = Tenant(id=uuid.uuid4(), slug=slug, name=name.strip(), kommunkod=kommunkod, police_area=police_area)
    session.add(tenant)
    try:
        async with session.begin_nested():
            await session.flush()
    except IntegrityError as exc:  # a concurrent create won the race for the slug
        raise Conflict.single("slug", "already_exists", f"a tenant with slug {slug!r} already exists") from exc
    return tenant


async def get_by_slug(session: AsyncSession, slug: str) -> Tenant | None:
    return await session.scalar(select(Tenant).where(Tenant.slug == slug))


async def get(session: AsyncSession, tenant_id: uuid.UUID) -> Tenant:
    tenant = await session.get(Tenant, tenant_id)
    if tenant is None:
        raise NotFound(f"tenant {tenant_id} not found")
    return tenant


async def require_by_slug(session: AsyncSession, slug: str) -> Tenant:
    tenant = await get_by_slug(session, slug)
    if tenant is None:
        raise NotFound(f"tenant {slug!r} not found")
    return tenant


async def list_all(session: AsyncSession) -> list[Tenant]:
    return list(await session.scalars(select(Tenant).order_by(Tenant.slug)))


async def set_status(session: AsyncSession, slug: str, status: TenantStatus) -> Tenant:
    tenant = await require_by_slug(session, slug)
    tenant.status = status
    await session.flush()
    return tenant
