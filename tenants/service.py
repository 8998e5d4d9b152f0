"""Onboarding and listing tenants (the platform admin's operations)."""

from __future__ import annotations

import re
import uuid
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from tenants import municipalities
from tenants.errors import Conflict, ErrorCollector, NotFound, PermissionDenied, ValidationFailed
from tenants.models import Tenant, TenantStatus

SLUG_RE = re.compile(r"^[a-z][a-z0-9-]{1,39}$")


async def create(
    session: AsyncSession,
    *,
    slug: str,
    name: str,
    kommunkod: str,
    police_area: str | None = None,
    confirm_name: bool = False,
) -> Tenant:
    """Register a city. Validates every field first and writes nothing when one is wrong.

    One tenant per municipality; the name must name the municipality of ``kommunkod`` (e.g. "Malmö"
    or "Malmö stad" for 1280) unless the operator confirms a different one with ``confirm_name``.
    """
    errors = ErrorCollector()
    if not SLUG_RE.match(slug or ""):
        errors.add("slug", "invalid_format", "must be 2–40 characters: lower-case a–z, digits and '-', starting with a letter")
    if not (name or "").strip():
        errors.add("name", "required", "must not be empty")
    elif len(name) > 200:
        errors.add("name", "too_long", "must be at most 200 characters")
    municipality = municipalities.lookup(kommunkod or "")
    if municipality is None:
        errors.add("kommunkod", "unknown_municipality", f"{kommunkod!r} is not one of Sweden's 290 municipality codes")
    elif (name or "").strip() and not confirm_name and not names_municipality(name, municipality.name):
        errors.add("name", "municipality_mismatch",
                   f"{name.strip()!r} does not name municipality {kommunkod} ({municipality.name}); "
                   "confirm the name explicitly to register it anyway")
    if not errors.errors:
        if await get_by_slug(session, slug) is not None:
            errors.add("slug", "already_exists", f"a tenant with slug {slug!r} already exists")
        holder = await session.scalar(select(Tenant).where(Tenant.kommunkod == kommunkod))
        if holder is not None:
            errors.add("kommunkod", "already_used", f"kommunkod {kommunkod} is already used by tenant {holder.slug!r}")
    errors.raise_if_any("Cannot create tenant")
    tenant = Tenant(id=uuid.uuid4(), slug=slug, name=name.strip(), kommunkod=kommunkod, police_area=police_area)
    session.add(tenant)
    try:
        async with session.begin_nested():
            await session.flush()
    except IntegrityError as exc:  # a concurrent create won the race for the slug or the kommunkod
        raise Conflict.single("slug", "already_exists",
                              f"a tenant with slug {slug!r} or kommunkod {kommunkod} already exists") from exc
    return tenant


def names_municipality(name: str, municipality: str) -> bool:
    """"Malmö", "malmö stad", "Sluta skjut Malmö" name Malmö; "Lund" does not."""
    return re.search(r"(?<!\w)" + re.escape(municipality.casefold()), name.strip().casefold()) is not None


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


MAX_REASON = 500


async def suspend(session: AsyncSession, slug: str, *, reason: str) -> Tenant:
    """Close a city's access (users, sessions, API clients) with a reason; its data stays untouched."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationFailed.single("reason", "required", "say why the city is suspended (it is shown to its users)")
    if len(reason) > MAX_REASON:
        raise ValidationFailed.single("reason", "too_long", f"must be at most {MAX_REASON} characters")
    tenant = await require_by_slug(session, slug)
    if tenant.status is TenantStatus.offboarded:
        raise Conflict.single("slug", "offboarded", f"tenant {slug!r} is offboarded")
    tenant.status, tenant.suspended_at, tenant.suspension_reason = TenantStatus.suspended, datetime.now(UTC), reason
    await session.flush()
    return tenant


async def resume(session: AsyncSession, slug: str) -> Tenant:
    tenant = await require_by_slug(session, slug)
    if tenant.status is not TenantStatus.suspended:
        raise Conflict.single("slug", "not_suspended", f"tenant {slug!r} is {tenant.status.value}, not suspended")
    tenant.status, tenant.suspended_at, tenant.suspension_reason = TenantStatus.active, None, None
    await session.flush()
    return tenant


def ensure_open(tenant: Tenant) -> None:
    """The one check every way into a city goes through (sign-in, session, token, bearer request)."""
    if tenant.status is TenantStatus.suspended:
        since = f" since {tenant.suspended_at:%Y-%m-%d}" if tenant.suspended_at else ""
        raise PermissionDenied(f"the city {tenant.slug!r} is suspended{since}: {tenant.suspension_reason or 'no reason recorded'}")
    if tenant.status is not TenantStatus.active:
        raise PermissionDenied(f"the city {tenant.slug!r} is {tenant.status.value}: access is closed")
