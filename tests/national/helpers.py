"""Committed test cities with a few incidents (the refresh job reads them in its own transactions)."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime

from domain.incidents.models import Incident, IncidentType
from domain.national import agreements
from tenants.context import tenant_context
from tenants.models import Tenant
from tests.conftest import real_spare_kommunkod


async def make_city(app_sessions, *, kommunkod: str | None = None) -> Tenant:
    # One tenant per kommunkod: a real code no other test city holds unless the test names one.
    tenant = Tenant(id=uuid.uuid4(), slug=f"n-{uuid.uuid4().hex[:10]}", name="National test city",
                    kommunkod=kommunkod or real_spare_kommunkod())
    async with app_sessions() as s, s.begin():
        s.add(tenant)
    return tenant


async def add_shootings(app_sessions, tenant: Tenant, day: date, n: int = 1, *, killed: int = 0, injured: int = 0) -> None:
    with tenant_context(tenant.id):
        async with app_sessions() as s, s.begin():
            for _ in range(n):
                s.add(Incident(tenant_id=tenant.id, type=IncidentType.shooting, confirmed=True, killed=killed,
                               injured=injured, occurred_at=datetime(day.year, day.month, day.day, 12, tzinfo=UTC)))


async def agree(app_sessions, tenant: Tenant, measures: list[str] | None = None):
    with tenant_context(tenant.id):
        async with app_sessions() as s, s.begin():
            return await agreements.record(s, reference="KS 2024/7", signatory="Ordförande", signed_on=date(2024, 1, 2),
                                           measures=measures, recorded_by="test")


async def pause(app_sessions, tenant: Tenant):
    with tenant_context(tenant.id):
        async with app_sessions() as s, s.begin():
            return await agreements.pause(s, paused_by="test")
