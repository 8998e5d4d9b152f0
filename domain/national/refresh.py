"""``gvi national refresh``: per-city, per-month measures into the national schema.

Runs as the national **writer** role (never the runtime role): it reads the tenant registry, then each
city under RLS with that city's tenant set, and computes the months with ``domain.figures`` — the
same statement a city's own figures come from, so a city and the nation never disagree.

What leaves a city: only when the city is active (not suspended or offboarded) and its latest sharing
agreement is in force; only the measures that agreement covers; nothing finer than a month; no person
id and no free text (context events: their kind and dates only, and only those the city marked
national). A paused city's rows already written stay (and stay in releases); it gains no new ones.

Rows are versioned: a new ``measure_versions`` row is written only when a month's values changed,
tagged with this run's id — the **data watermark** a release is computed at.

- full: every month from the city's first record to the current month;
- incremental (``--incremental``, for a scheduler): the last ``months_back`` months (late reports and
  revised figures land there), plus a full run for a city never refreshed or whose agreement changed.
"""

from __future__ import annotations

import asyncio
import uuid
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from sqlalchemy import func, select, update
from sqlalchemy.dialects.postgresql import distinct_on, insert
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from domain.figures.service import city_figures, first_record_day
from domain.national import agreements
from domain.national.models import CityContextEvent, CityProfile, MeasureVersion, NationalAuditEntry, RefreshRun
from domain.programme.models import ContextEvent, ProgrammePhase, ProgrammeSettings
from domain.rules import today
from tenants.context import tenant_context
from tenants.database import transaction
from tenants.models import Tenant, TenantStatus


@dataclass
class RefreshResult:
    run_id: int
    mode: str
    cities_shared: list[str] = field(default_factory=list)
    cities_skipped: dict[str, str] = field(default_factory=dict)  # slug -> reason
    rows_written: int = 0


def _month(d: date) -> date:
    return d.replace(day=1)


def _months_before(d: date, n: int) -> date:
    y, m = divmod(d.year * 12 + d.month - 1 - n, 12)
    return date(y, m + 1, 1)


async def _latest_versions(session: AsyncSession, city_id: uuid.UUID, since: date | None) -> dict[date, dict]:
    stmt = (select(MeasureVersion.period, MeasureVersion.values).where(MeasureVersion.city_id == city_id)
            .ext(distinct_on(MeasureVersion.period)).order_by(MeasureVersion.period, MeasureVersion.run_id.desc()))
    if since:
        stmt = stmt.where(MeasureVersion.period >= since)
    return {r.period: r.values for r in await session.execute(stmt)}


async def _refresh_city(session: AsyncSession, tenant: Tenant, run_id: int, mode: str, months_back: int,
                        result: RefreshResult) -> None:
    agreement = await agreements.current(session)
    profile = await session.get(CityProfile, tenant.id)
    if tenant.status is not TenantStatus.active or not agreements.in_force(agreement):
        reason = ("city is " + tenant.status.value) if tenant.status is not TenantStatus.active else (
            "agreement paused" if agreement else "no sharing agreement")
        result.cities_skipped[tenant.slug] = reason
        if profile is not None:  # keep what was shared; say it no longer grows
            profile.sharing = "paused" if agreement else "none"
            profile.refreshed_run = run_id
        return
    assert agreement is not None
    covered = list(agreement.measures)
    settings = await session.scalar(select(ProgrammeSettings))
    phase = await session.scalar(select(ProgrammePhase).order_by(ProgrammePhase.started_on.desc()).limit(1))
    full = (mode == "full" or profile is None or profile.measures != covered or profile.sharing != "in_force")
    end = today()
    first = await first_record_day(session)
    start = None if full or first is None else max(_months_before(end, months_back), _month(first))
    rows = await city_figures(session, period="month", start=start, end=end, with_stock=True)
    latest = await _latest_versions(session, tenant.id, None if full else start)
    new = []
    for row in rows:
        values = {m: row.values[m] for m in covered}
        if latest.get(row.period) != values:
            new.append({"city_id": tenant.id, "period": row.period, "run_id": run_id, "values": values})
    if new:
        await session.execute(insert(MeasureVersion), new)
    result.rows_written += len(new)
    result.cities_shared.append(tenant.slug)

    values = dict(name=tenant.name, kommunkod=tenant.kommunkod,
                  population=settings.population if settings else None,
                  population_year=settings.population_year if settings else None,
                  programme_started_on=settings.started_on if settings else None,
                  phase=phase.phase.value if phase else None, phase_started_on=phase.started_on if phase else None,
                  sharing="in_force", sharing_since=agreement.signed_on, measures=covered, refreshed_run=run_id)
    await session.execute(insert(CityProfile).values(city_id=tenant.id, **values)
                          .on_conflict_do_update(index_elements=[CityProfile.city_id], set_=values))
    events = list(await session.scalars(select(ContextEvent).where(ContextEvent.national.is_(True))))
    await session.execute(CityContextEvent.__table__.delete().where(CityContextEvent.city_id == tenant.id))
    if events:
        await session.execute(insert(CityContextEvent), [
            {"city_id": tenant.id, "kind": e.kind.value, "started_on": e.started_on, "ended_on": e.ended_on}
            for e in events])


async def refresh(writer_sessions: async_sessionmaker[AsyncSession], *, incremental: bool = False,
                  months_back: int = 3, actor: str = "system", actor_kind: str = "cli",
                  only: list[str] | None = None, concurrency: int = 2) -> RefreshResult:
    """Refresh the national measures of every city (``only``: these slugs). Run as the writer role.

    ``concurrency`` cities at a time (each in its own transaction and tenant scope; at most the pool size)."""
    mode = "incremental" if incremental else "full"
    with tenant_context(None):
        async with transaction(writer_sessions) as session:
            run = RefreshRun(mode=mode)
            session.add(run)
            await session.flush()
            run_id = run.id
            stmt = select(Tenant).order_by(Tenant.slug)
            if only:
                stmt = stmt.where(Tenant.slug.in_(only))
            tenants = list(await session.scalars(stmt))
    result = RefreshResult(run_id=run_id, mode=mode)
    gate = asyncio.Semaphore(max(1, concurrency))

    async def one(tenant: Tenant) -> None:
        # One transaction per city, scoped to it by RLS: the writer sees nothing of any other city.
        async with gate:
            with tenant_context(tenant.id):
                async with transaction(writer_sessions) as session:
                    await _refresh_city(session, tenant, run_id, mode, months_back, result)

    await asyncio.gather(*(one(t) for t in tenants))
    result.cities_shared.sort()
    with tenant_context(None):
        async with transaction(writer_sessions) as session:
            await session.execute(update(RefreshRun).where(RefreshRun.id == run_id).values(
                finished_at=func.now(), cities=len(result.cities_shared), rows_written=result.rows_written))
            session.add(NationalAuditEntry(actor_kind=actor_kind, actor=actor, action="refresh", object=f"run:{run_id}",
                                           details={"mode": mode, "cities": result.cities_shared,
                                                    "skipped": result.cities_skipped, "rows": result.rows_written,
                                                    "at": datetime.now(UTC).isoformat()}))
    return result
