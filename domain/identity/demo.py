"""Demo accounts: one user per city role in every demo city, plus national users.

Only outside production (``GVI_ENV`` development or test): the password is shared and printed, and
the TOTP secrets are derived from the city and username so ``gvi user totp-code`` can show the
current code. Idempotent: existing demo users are left as they are.
"""

from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from domain.identity import totp, users
from domain.identity.permissions import role_needs_mfa
from domain.identity.principal import Role
from domain.organisations.models import Organisation, OrganisationKind
from tenants.context import tenant_context
from tenants.database import transaction
from tenants.models import Tenant

DEMO_PASSWORD = "demo-only-not-a-secret"

# role → (username, organisation kind, organisation name pattern)
CITY_DEMO_USERS: tuple[tuple[Role, str, OrganisationKind, str], ...] = (
    (Role.coordinator, "coordinator", OrganisationKind.municipality_other, "{city} stad, GVI-samordning"),
    (Role.analyst, "analyst", OrganisationKind.police, "Polisen {city}"),
    (Role.caseworker, "caseworker", OrganisationKind.social_services, "Socialtjänsten {city}"),
    (Role.outreach, "outreach", OrganisationKind.civil_society, "Civilsamhället {city}"),
    (Role.viewer, "viewer", OrganisationKind.municipality_other, "{city} stad, GVI-samordning"),
    (Role.auditor, "auditor", OrganisationKind.municipality_other, "{city} stad, GVI-samordning"),
)
NATIONAL_DEMO_USERS: tuple[tuple[Role, str], ...] = (
    (Role.national_coordinator, "national.coordinator"),
    (Role.evaluator, "evaluator"),
    (Role.platform_admin, "platform.admin"),
)


def demo_totp_secret(tenant_slug: str | None, username: str) -> str:
    return totp.demo_secret(f"{tenant_slug or 'national'}/{username}")


async def _organisation(session: AsyncSession, tenant: Tenant, kind: OrganisationKind, pattern: str) -> Organisation:
    name = pattern.format(city=tenant.name)
    org = await session.scalar(select(Organisation).where(Organisation.name == name))
    if org is None:  # reuse a partner of the right kind if the demo data already has one
        org = await session.scalar(select(Organisation).where(Organisation.kind == kind).order_by(Organisation.name).limit(1))
    if org is None:
        org = Organisation(id=uuid.uuid4(), tenant_id=tenant.id, name=name, kind=kind)
        session.add(org)
        await session.flush()
    return org


async def load_demo_users(sessions: async_sessionmaker[AsyncSession], cities: list[Tenant]) -> list[str]:
    """Create the demo accounts that are missing; return how to sign in as each."""
    lines = [f"demo accounts (password for all: {DEMO_PASSWORD}; TOTP code: gvi user totp-code CITY/USERNAME)"]
    for tenant in cities:
        with tenant_context(tenant.id):
            async with transaction(sessions) as s:
                for role, username, kind, pattern in CITY_DEMO_USERS:
                    if await users.find_user(s, username) is None:
                        org = await _organisation(s, tenant, kind, pattern)
                        secret = demo_totp_secret(tenant.slug, username) if role_needs_mfa(role) else None
                        await users.create_user(s, username=username, display_name=f"Demo {role.value} ({tenant.name})",
                                                organisation_id=org.id, role=role, password=DEMO_PASSWORD,
                                                city_name=tenant.name, is_demo=True, totp_secret=secret)
                    mfa = f"TOTP: gvi user totp-code {tenant.slug}/{username}" if role_needs_mfa(role) else "(no TOTP)"
                    lines.append(f"  city={tenant.slug:<10} username={username:<22} {mfa}")
    async with transaction(sessions) as s:
        for role, username in NATIONAL_DEMO_USERS:
            if await users.find_national_user(s, username) is None:
                await users.create_national_user(s, username=username, display_name=f"Demo {role.value}", role=role,
                                                 password=DEMO_PASSWORD, is_demo=True,
                                                 totp_secret=demo_totp_secret(None, username))
            lines.append(f"  {'(national)':<15} username={username:<22} TOTP: gvi user totp-code {username}")
    lines.append("  sign in: POST /auth/login {\"tenant\": CITY, \"username\": …, \"password\": …}, then POST /auth/mfa {\"code\": …}")
    return lines


async def load_demo_users_if_allowed(sessions: async_sessionmaker[AsyncSession], slugs: list[str]) -> list[str]:
    """Called by ``gvi demo load``: demo accounts only outside production (they have a published password)."""
    from tenants import service as tenant_service
    from tenants.settings import get_settings

    if get_settings().env == "production":
        return ["demo accounts not created: GVI_ENV is production (they would have a published password)"]
    async with transaction(sessions) as s:
        cities = [t for t in [await tenant_service.get_by_slug(s, slug) for slug in slugs] if t is not None]
    return await load_demo_users(sessions, cities)
