"""Helpers for domain tests: run service calls as a city inside the rolled-back test transaction."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from domain.organisations import service as organisations
from domain.organisations.models import Organisation, OrganisationKind
from tenants.context import tenant_context
from tenants.models import Tenant


@asynccontextmanager
async def as_city(db: AsyncSession, tenant: Tenant | None) -> AsyncIterator[AsyncSession]:
    """A savepoint as ``tenant``: all or nothing, like a request's transaction."""
    tenant_id = tenant.id if tenant else None
    with tenant_context(tenant_id):
        async with db.begin_nested():
            # the outer test transaction began before this tenant: scope it like the session hook does
            await db.execute(text("select set_config('app.tenant_id', :t, true)"), {"t": str(tenant_id or "")})
            yield db


@dataclass
class City:
    tenant: Tenant
    police: Organisation
    probation: Organisation
    social: Organisation
    civil: Organisation


async def make_city(db: AsyncSession, tenant: Tenant) -> City:
    async with as_city(db, tenant):
        orgs = [await organisations.create(db, name=name, kind=kind) for name, kind in (
            ("Polisen", OrganisationKind.police), ("Frivården", OrganisationKind.prison_probation),
            ("Socialtjänsten", OrganisationKind.social_services), ("Föreningen", OrganisationKind.civil_society))]
    return City(tenant, *orgs)


@pytest.fixture
async def city(db, tenant_a) -> City:
    return await make_city(db, tenant_a)


@pytest.fixture
async def other_city(db, tenant_b) -> City:
    return await make_city(db, tenant_b)


@pytest.fixture(scope="session")
async def demo(app_engine, owner_engine) -> AsyncIterator[dict[str, Tenant]]:
    """The demo cities, loaded once in committed transactions (removed again at the end)."""
    from sqlalchemy import select

    from domain.demo import load
    from domain.demo.load import DEMO_CITIES
    from tenants.database import session_factory

    sessions = session_factory(app_engine)
    await load(sessions)
    slugs = [c.slug for c in DEMO_CITIES]
    async with sessions() as s:
        tenants = {t.slug: t for t in await s.scalars(select(Tenant).where(Tenant.slug.in_(slugs)))}
    yield tenants
    from tests.conftest import purge_tenant

    for tenant in tenants.values():  # their audit entries too (the log is append-only otherwise)
        await purge_tenant(owner_engine, tenant.id)
