"""``gvi demo load --national``: a national-scale synthetic load for national users and the benchmark.

Adds a synthetic city for every municipality in the shipped list that has no city yet (the demo cities
keep their own data): only what aggregates need — confirmed shootings with killed and injured,
explosions, and for about a quarter of them a programme start at staggered dates, from which shootings
fall by a known rate ratio (``TRUE_RATE_RATIO``). Every synthetic city records a national sharing
agreement. Repeatable (fixed seed) and idempotent (a city that exists is left alone).
"""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime

import numpy as np
from sqlalchemy import insert, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from domain.audit import service as audit
from domain.incidents.models import Incident, IncidentType
from domain.national import agreements
from domain.national.synthetic import panel
from domain.programme.models import ProgrammeSettings
from tenants.context import tenant_context
from tenants.database import transaction
from tenants.models import Tenant

TRUE_RATE_RATIO = 0.7
FIRST_MONTH = date(2016, 1, 1)
SEED = 2019


def slug_for(kommunkod: str) -> str:
    return f"kommun-{kommunkod}"


def _month(index: int) -> date:
    y, m = divmod(FIRST_MONTH.year * 12 + FIRST_MONTH.month - 1 + index, 12)
    return date(y, m + 1, 1)


async def load_national(sessions: async_sessionmaker[AsyncSession], *, months: int = 120, cities: int = 290,
                        actor: audit.Actor | None = None, seed: int = SEED) -> list[str]:
    """Create the synthetic cities that are missing; one line for the operator."""
    actor = actor or audit.Actor.system("demo load --national")
    p = panel(cities=cities, months=months, rate_ratio=TRUE_RATE_RATIO, seed=seed, base_rate=1.2)
    rng = np.random.default_rng(seed + 1)
    async with transaction(sessions) as s:
        taken = set(await s.scalars(select(Tenant.kommunkod)))
        existing = set(await s.scalars(select(Tenant.slug)))
    created = 0
    for i in range(cities):
        code, name = p.kommunkod[i], p.names[i]
        slug = slug_for(code)
        if code in taken or slug in existing:
            continue
        tenant = Tenant(id=uuid.uuid4(), slug=slug, name=name, kommunkod=code)
        async with transaction(sessions) as s:
            s.add(tenant)
        with tenant_context(tenant.id):
            async with transaction(sessions) as s:
                start = int(p.start[i])
                if start >= 0:
                    s.add(ProgrammeSettings(tenant_id=tenant.id, name=f"Sluta skjut {name}", started_on=_month(start),
                                            population=int(p.population[i]), population_year=2020))
                rows = []
                for t in range(months):
                    month = _month(t)
                    for kind, n in ((IncidentType.shooting, int(p.counts[i, t])),
                                    (IncidentType.explosion_completed, int(p.explosions[i, t]))):
                        for _ in range(n):
                            day = int(rng.integers(1, 28))
                            harmed = kind is IncidentType.shooting
                            rows.append({"tenant_id": tenant.id, "id": uuid.uuid4(), "type": kind, "confirmed": True,
                                         "occurred_at": datetime(month.year, month.month, day, 20, tzinfo=UTC),
                                         "killed": int(rng.random() < 0.12) if harmed else 0,
                                         "injured": int(rng.random() < 0.35) if harmed else 0,
                                         "description": None})
                if rows:
                    await s.execute(insert(Incident), rows)
                agreement = await agreements.record(s, reference=f"KS {2021}/{i + 1}", signatory="Kommunstyrelsen",
                                                    signed_on=date(2021, 6, 1), recorded_by="demo load --national")
                await audit.written(s, principal=actor, object_type="demo_national", object_id=agreement.id, request_id=None,
                                    purpose="demo data", details={"incidents": len(rows), "programme": start >= 0})
        created += 1
    return [f"national demo: {created} synthetic cities created ({cities} municipalities, {months} months from "
            f"{FIRST_MONTH:%Y-%m}, true rate ratio {TRUE_RATE_RATIO} after each programme start)"]
