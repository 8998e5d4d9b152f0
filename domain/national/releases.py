"""National releases: immutable, versioned, reproducible tables built from the measures at a watermark.

A release is requested (a ``release_jobs`` row), then created in the background as the **publisher**
role, which reads only the national schema. Creating one:

1. takes the data watermark (the last finished refresh run) and every city-month's measures as of it;
2. protects them (``domain.national.disclosure``) against this and every earlier release;
3. writes the release and its rows in one transaction (the database refuses any later change) with a
   SHA-256 of its canonical content (method, parameters, watermark, rows).

Recomputing a release from its parameters and watermark (``recompute``) gives the same hash.
Publishing appends to ``publications``; the public pages show a release whose latest entry is
``published``.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack, asynccontextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

import numpy as np
from sqlalchemy import func, select, text, update
from sqlalchemy.dialects.postgresql import distinct_on, insert
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from domain.national import cellkey
from domain.national.disclosure import NATION, Grid, Key, ReleaseRefused, protect
from domain.national.measures import DESCRIPTIONS, EVENT_MEASURES, NATIONAL_MEASURES, NON_ADDITIVE
from domain.national.models import (
    CityProfile,
    NationalAuditEntry,
    Publication,
    RefreshRun,
    Release,
    ReleaseJob,
    ReleaseRow,
)
from domain.rules import today
from tenants.database import transaction
from tenants.errors import Conflict, NotFound, ValidationFailed
from tenants.settings import get_settings

METHODS = ("suppression", "cell_key")
NATION_UUID = uuid.UUID(NATION)


@dataclass(frozen=True)
class ReleaseParameters:
    k: int = 5
    protection: int | None = None  # default: k
    period_from: str | None = None  # YYYY-MM; default: the first month with data
    period_to: str | None = None  # YYYY-MM; default: the last complete month
    method: str = "suppression"
    d: int | None = None  # cell_key: the largest perturbation (default k)
    v: float | None = None  # cell_key: the perturbation's variance away from small counts (default 2)

    def validated(self) -> ReleaseParameters:
        errors = []
        if self.method == "cell_key":
            d = self.d if self.d is not None else self.k
            if not self.k - 1 <= d <= 20:
                errors.append(("d", "out_of_range", "D must be between k - 1 (small counts must reach 0 or k) and 20"))
            elif not 0 < (self.v if self.v is not None else 2.0) < d * (d + 1) / 3:
                errors.append(("v", "out_of_range", "V must be above 0 and below D(D+1)/3"))
            if not get_settings().national_cell_key_secret:
                errors.append(("method", "not_configured", "cell_key needs the deployment's cell-key secret"))
        elif self.d is not None or self.v is not None:
            errors.append(("d" if self.d is not None else "v", "not_for_method", "D and V belong to the cell_key method"))
        if not 2 <= self.k <= 50:
            errors.append(("k", "out_of_range", "k must be between 2 and 50"))
        if self.protection is not None and not 1 <= self.protection <= 100:
            errors.append(("protection", "out_of_range", "the protection level must be between 1 and 100"))
        if self.method not in METHODS:
            errors.append(("method", "unknown", f"must be one of {', '.join(METHODS)}"))
        for name in ("period_from", "period_to"):
            value = getattr(self, name)
            if value is not None and not _is_month(value):
                errors.append((name.replace("period_", ""), "not_a_month", f"{value!r} is not a month (YYYY-MM)"))
        if not errors and self.period_from and self.period_to and self.period_to < self.period_from:
            errors.append(("to", "before_from", "must not be before `from`"))
        if errors:
            from tenants.errors import FieldError

            raise ValidationFailed("Cannot create the release", [FieldError(*e) for e in errors])
        return self

    def as_dict(self) -> dict:
        out = {"k": self.k, "protection": self.protection if self.protection is not None else self.k,
               "from": self.period_from, "to": self.period_to, "method": self.method}
        if self.method == "cell_key":  # (a suppression release's parameters, and so its hash, stay as they were)
            out |= {"d": self.d if self.d is not None else self.k, "v": self.v if self.v is not None else 2.0}
        return out

    @classmethod
    def from_dict(cls, p: dict, method: str | None = None) -> ReleaseParameters:
        return cls(k=p["k"], protection=p.get("protection"), period_from=p.get("from"), period_to=p.get("to"),
                   method=method or p.get("method", "suppression"), d=p.get("d"), v=p.get("v"))


def _is_month(value: str) -> bool:
    try:
        datetime.strptime(value, "%Y-%m")
        return len(value) == 7
    except ValueError:
        return False


def _label(d: date) -> str:
    return f"{d.year}-{d.month:02d}"


def month_range(first: str, last: str) -> list[str]:
    y, m = int(first[:4]), int(first[5:])
    out = []
    while f"{y}-{m:02d}" <= last:
        out.append(f"{y}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


# --- inputs at a watermark ---------------------------------------------------------------------------


async def watermark(session: AsyncSession) -> int | None:
    return await session.scalar(select(func.max(RefreshRun.id)).where(RefreshRun.finished_at.is_not(None)))


async def _grid(session: AsyncSession, at: int) -> Grid:
    """Every city-month's measures as of watermark ``at`` (the latest version of each month up to it).

    The values come back as one integer array per row (-1 where the city did not share a measure):
    decoding 35,000 JSON objects would cost more than the whole disclosure control."""
    columns = ", ".join(f"coalesce((v.values ->> '{m}')::int, -1)" for m in NATIONAL_MEASURES)
    rows = (await session.execute(text(f"""
        select distinct on (v.city_id, v.period) v.city_id::text, to_char(v.period, 'YYYY-MM'), array[{columns}]
        from national.measure_versions v where v.run_id <= :at
        order by v.city_id, v.period, v.run_id desc"""), {"at": at})).all()
    cities = sorted({r[0] for r in rows})
    months = sorted({r[1] for r in rows})
    ci, ti = {c: i for i, c in enumerate(cities)}, {t: j for j, t in enumerate(months)}
    values = np.full((len(cities), len(months), len(NATIONAL_MEASURES)), -1, dtype=np.int64)
    if rows:
        values[[ci[r[0]] for r in rows], [ti[r[1]] for r in rows]] = np.array([r[2] for r in rows], dtype=np.int64)
    return Grid(cities, months, list(NATIONAL_MEASURES), values)


async def published_tables(session: AsyncSession, before: int | None = None) -> list[dict[Key, int | None]]:
    """Every earlier release's published numbers, oldest first (the audit's knowledge of an attacker)."""
    stmt = select(ReleaseRow.release_id, ReleaseRow.city_id, ReleaseRow.period, ReleaseRow.values)
    if before is not None:
        stmt = stmt.where(ReleaseRow.release_id < before)
    tables: dict[int, dict[Key, int | None]] = {}
    for release_id, city_id, period, values in await session.execute(stmt.order_by(ReleaseRow.release_id)):
        table = tables.setdefault(release_id, {})
        for measure, value in values.items():
            table[(measure, str(city_id), period)] = value
    return [tables[i] for i in sorted(tables)]


@dataclass
class Computed:
    watermark: int
    parameters: dict
    rows: list[dict]  # {"city_id", "period", "values"}
    cities: list[dict]
    content_hash: str
    audit_summary: dict


def _rows(protected) -> list[dict]:
    """The release's rows: one per city (and the nation) and month or year, measure -> value (None: suppressed)."""
    hidden = protected.suppressed
    measures = list(protected.tables)
    out = []

    def row(city: str, period: str, get) -> None:
        values = {}
        for m in measures:
            v = get(protected.tables[m])
            if v is not None and v >= 0:
                values[m] = None if (m, city, period) in hidden else int(v)
        if values:
            out.append({"city_id": city, "period": period, "values": dict(sorted(values.items()))})

    for i, c in enumerate(protected.cities):
        for j, t in enumerate(protected.months):
            row(c, t, lambda tb, i=i, j=j: tb.cells[i, j])
        for y, year in enumerate(protected.years):
            row(c, year, lambda tb, i=i, y=y: None if tb.city_years is None else tb.city_years[i, y])
    for j, t in enumerate(protected.months):
        row(NATION, t, lambda tb, j=j: tb.nation_months[j])
    for y, year in enumerate(protected.years):
        row(NATION, year, lambda tb, y=y: None if tb.nation_years is None else tb.nation_years[y])
    out.sort(key=lambda r: (r["city_id"], r["period"]))
    return out


def content_hash(method: str, parameters: dict, at: int, rows: list[dict]) -> str:
    canonical = json.dumps({"method": method, "parameters": parameters, "watermark": at,
                            "rows": sorted([r["city_id"], r["period"], r["values"]] for r in rows)},
                           sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode()).hexdigest()


async def compute(session: AsyncSession, params: ReleaseParameters, *, at: int, before: int | None = None) -> Computed:
    """The release's rows at watermark ``at``, protected against every release numbered below ``before``."""
    grid = await _grid(session, at)
    profiles = {str(p.city_id): p for p in await session.scalars(select(CityProfile))}
    months_with_data = grid.months
    if not months_with_data:
        raise Conflict.single("watermark", "no_data", "no city has shared any month yet: run `gvi national refresh`")
    last_complete = _label(today().replace(day=1) - timedelta(days=1))
    first = params.period_from or months_with_data[0]
    last = params.period_to or min(last_complete, months_with_data[-1])
    months = month_range(first, last)
    span = [grid.ti[t] for t in months if t in grid.ti]
    shared = (grid.values[:, span, :] >= 0).any(axis=(1, 2)) if span else np.zeros(len(grid.cities), dtype=bool)
    cities = [c for c, s in zip(grid.cities, shared, strict=True) if s]
    # Perturbation needs no knowledge of earlier releases: the same cell keeps its noise.
    earlier = await published_tables(session, before) if params.method != "cell_key" else []
    resolved = {**params.as_dict(), "from": first, "to": last}
    if params.method == "cell_key":
        protected = cellkey.perturb(grid, cities=cities, months=months, measures=list(NATIONAL_MEASURES), k=params.k,
                                    d=resolved["d"], v=resolved["v"],
                                    secret=(get_settings().national_cell_key_secret or "").encode())
    else:
        protected = protect(grid, cities=cities, months=months, measures=list(NATIONAL_MEASURES), k=params.k,
                            protection=params.protection, earlier=earlier)
    rows = _rows(protected)
    city_meta = []
    for c in cities:
        p = profiles.get(c)
        city_meta.append({"city_id": c, "name": p.name if p else None, "kommunkod": p.kommunkod if p else None,
                          "population": p.population if p else None,
                          "programme_started_on": p.programme_started_on.isoformat() if p and p.programme_started_on else None})
    summary = {"primary": protected.primary, "secondary": protected.secondary, "lp_solves": protected.lp_solves,
               "audited": len(protected.audit), "narrowest": min((a.upper - a.lower for a in protected.audit), default=None)}
    return Computed(at, resolved, rows, city_meta, content_hash(params.method, resolved, at, rows), summary)


def _cell_key_methodology(parameters: dict) -> str:
    k, d, v = parameters["k"], parameters["d"], parameters["v"]
    rows = "; ".join(f"n={n}: " + ", ".join(f"{e:+d} {c / cellkey.SCALE:.6f}" for e, c in row)
                     for n, row in cellkey.ptable(d, v, k).items())
    return (
        f"Per-city, per-month figures of the cities that shared them under a national sharing agreement, "
        f"{parameters['from']} to {parameters['to']}, as computed by each city's own figures. Event counts "
        f"({', '.join(sorted(EVENT_MEASURES))}) are published exactly, as the police publish them. Person counts are "
        f"protected by cell-key perturbation (the method Statistics Sweden and the Australian Bureau of Statistics use): "
        f"every person count, cells and totals alike, gets a fixed cell key in [0, 1) from a keyed hash of its measure, "
        f"city and period, which picks a perturbation from the row of its true count in the perturbation table below "
        f"(parameters D={d}: no figure moves by more than {d}; V={v}: the variance of the perturbation away from "
        f"small counts; k={k}: no published person count is between 1 and {k - 1}). The same cell with the same count "
        f"gets the same perturbation in every release. Zero stays zero; perturbations have mean 0. Totals are "
        f"perturbed as cells of their own: a total need not equal the sum of its published parts. Nothing is "
        f"suppressed. Perturbation table (true count n: perturbation probability, …; counts above {k + d} use the "
        f"last row): {rows}. {', '.join(sorted(NON_ADDITIVE))} count distinct people and have no yearly totals. "
        f"Figures are preliminary and revised in later releases.")


def methodology(parameters: dict) -> str:
    if parameters.get("method") == "cell_key":
        return _cell_key_methodology(parameters)
    k, p = parameters["k"], parameters["protection"]
    return (
        f"Per-city, per-month figures of the cities that shared them under a national sharing agreement, "
        f"{parameters['from']} to {parameters['to']}, as computed by each city's own figures. Event counts "
        f"({', '.join(sorted(EVENT_MEASURES))}) are published exactly, as the police publish them. Person counts are "
        f"protected: every count with 0 < n < {k} is suppressed (primary suppression), and further cells are "
        f"suppressed so that no suppressed cell can be recomputed from this release's city, national, monthly and "
        f"yearly totals or from any earlier release (secondary suppression). An interval audit (linear programming) "
        f"verified that every suppressed person count can lie anywhere in an interval at least {p} wide given "
        f"everything published. A suppressed cell is empty and flagged. National totals cover the cities that "
        f"shared the measure. {', '.join(sorted(NON_ADDITIVE))} count distinct people and have no yearly totals. "
        f"Figures are preliminary and revised in later releases.")


# --- jobs, creation, publication ---------------------------------------------------------------------


async def request(session: AsyncSession, params: ReleaseParameters, *, requested_by: str,
                  request_key: str | None = None) -> ReleaseJob:
    """Queue a release (returns the existing job for a repeated ``request_key``)."""
    params = params.validated()
    if request_key:
        existing = await session.scalar(select(ReleaseJob).where(ReleaseJob.request_key == request_key))
        if existing is not None:
            return existing
    job = ReleaseJob(id=uuid.uuid4(), request_key=request_key, requested_by=requested_by, parameters=params.as_dict(),
                     status="queued")
    session.add(job)
    await session.flush()
    return job


# A worker holds a session-level advisory lock on its job (on a connection of its own) from before it
# marks the job running until it records the outcome. A killed worker's connection closes and the lock
# goes with it: a job that is still "running" while nobody holds its lock was interrupted.
INTERRUPTED = "interrupted: the worker creating this release stopped before it finished (nothing was written); retry it"


def _job_lock(job_id: uuid.UUID) -> dict:
    return {"key": f"gvi-national-release-job:{job_id}"}


@asynccontextmanager
async def _worker_lease(sessions: async_sessionmaker[AsyncSession], job_id: uuid.UUID) -> AsyncIterator[None]:
    engine = sessions.kw["bind"]
    async with engine.connect() as conn:
        await conn.execute(text("select pg_advisory_lock(hashtextextended(:key, 0))"), _job_lock(job_id))
        await conn.commit()  # a session-level lock outlives the transaction; the connection stays ours
        try:
            yield
        finally:
            await conn.execute(text("select pg_advisory_unlock(hashtextextended(:key, 0))"), _job_lock(job_id))
            await conn.commit()


async def reap_interrupted(session: AsyncSession) -> list[ReleaseJob]:
    """Mark failed every running job whose worker is gone (its lock is free), so it can be retried."""
    reaped = []
    running = await session.scalars(select(ReleaseJob).where(ReleaseJob.status == "running")
                                    .with_for_update(skip_locked=True))
    for job in running:
        # Taken for this transaction only: a free lock means no worker has the job.
        free = await session.scalar(text("select pg_try_advisory_xact_lock(hashtextextended(:key, 0))"), _job_lock(job.id))
        if free:
            job.status, job.error, job.finished_at = "failed", INTERRUPTED, datetime.now(UTC)
            reaped.append(job)
    if reaped:
        session.add(NationalAuditEntry(actor_kind="system", actor="release worker", action="release.job_interrupted",
                                       object="release_jobs", details={"jobs": [str(j.id) for j in reaped]}))
    await session.flush()
    return reaped


async def jobs(session: AsyncSession, limit: int = 50) -> list[ReleaseJob]:
    """The latest release jobs, newest first (interrupted ones marked failed first)."""
    await reap_interrupted(session)
    return list(await session.scalars(select(ReleaseJob).order_by(ReleaseJob.requested_at.desc()).limit(limit)))


async def retry(session: AsyncSession, job_id: uuid.UUID, *, by: str) -> ReleaseJob:
    """Queue a failed job again (same parameters); a worker then picks it up like a new one."""
    await reap_interrupted(session)
    job = await session.scalar(select(ReleaseJob).where(ReleaseJob.id == job_id).with_for_update())
    if job is None:
        raise NotFound.single("id", "unknown_job", f"no release job {job_id}")
    if job.status != "failed":
        raise Conflict.single("id", f"job_{job.status}", f"only a failed job can be retried; this one is {job.status}")
    job.status, job.error, job.started_at, job.finished_at, job.release_id = "queued", None, None, None, None
    session.add(NationalAuditEntry(actor_kind="national_user", actor=by, action="release.retry", object=f"job:{job.id}"))
    await session.flush()
    return job


async def work(sessions: async_sessionmaker[AsyncSession], *, job_id: uuid.UUID | None = None) -> list[ReleaseJob]:
    """Create the queued releases, one job at a time (safe to run in several places: jobs are locked).

    Starting up, a worker first marks failed the jobs an interrupted worker left running."""
    async with transaction(sessions) as session:
        await reap_interrupted(session)
    done = []
    while True:
        async with AsyncExitStack() as lease:
            async with transaction(sessions) as session:
                stmt = select(ReleaseJob).where(ReleaseJob.status == "queued").order_by(ReleaseJob.requested_at)
                if job_id is not None:
                    stmt = stmt.where(ReleaseJob.id == job_id)
                job = await session.scalar(stmt.limit(1).with_for_update(skip_locked=True))
                if job is None:
                    return done
                # the lease before "running" is visible: a reaper never sees a running job without it
                await lease.enter_async_context(_worker_lease(sessions, job.id))
                job.status, job.started_at = "running", datetime.now(UTC)
            try:
                release = await create(sessions, ReleaseParameters.from_dict(job.parameters), created_by=job.requested_by)
                status, release_id, error = "done", release.id, None
            except ReleaseRefused as exc:
                status, release_id, error = "failed", None, f"refused by the interval audit: {exc}"
            except (ValidationFailed, Conflict) as exc:
                status, release_id, error = "failed", None, exc.message
            async with transaction(sessions) as session:
                await session.execute(update(ReleaseJob).where(ReleaseJob.id == job.id).values(
                    status=status, release_id=release_id, error=error, finished_at=datetime.now(UTC)))
                job.status, job.release_id, job.error = status, release_id, error
        done.append(job)


async def create(sessions: async_sessionmaker[AsyncSession], params: ReleaseParameters, *, created_by: str) -> Release:
    """Compute and store a release in one transaction (as the publisher role)."""
    params = params.validated()
    async with transaction(sessions) as session:
        # One release at a time: each is protected against every earlier one.
        await session.execute(text("select pg_advisory_xact_lock(hashtextextended('gvi-national-release', 0))"))
        at = await watermark(session)
        if at is None:
            raise Conflict.single("watermark", "no_data", "no refresh has finished yet: run `gvi national refresh`")
        computed = await compute(session, params, at=at)
        release = Release(created_by=created_by, watermark=at, period_from=date.fromisoformat(computed.parameters["from"] + "-01"),
                          period_to=date.fromisoformat(computed.parameters["to"] + "-01"), method=params.method,
                          parameters=computed.parameters, methodology=methodology(computed.parameters),
                          cities=computed.cities, content_hash=computed.content_hash, rows=len(computed.rows))
        session.add(release)
        await session.flush()
        for start in range(0, len(computed.rows), 5000):
            await session.execute(insert(ReleaseRow), [
                {"release_id": release.id, "city_id": uuid.UUID(r["city_id"]), "period": r["period"], "values": r["values"]}
                for r in computed.rows[start:start + 5000]])
        session.add(NationalAuditEntry(actor_kind="national_user", actor=created_by, action="release.create",
                                       object=f"release:{release.id}",
                                       details={"parameters": computed.parameters, "watermark": at,
                                                "hash": computed.content_hash, "audit": computed.audit_summary}))
    return release


async def recompute(session: AsyncSession, release_id: int) -> str:
    """The content hash a release gets when computed again from its parameters and watermark."""
    release = await get(session, release_id)
    p = release.parameters
    params = ReleaseParameters.from_dict(p, release.method)
    return (await compute(session, params, at=release.watermark, before=release.id)).content_hash


async def get(session: AsyncSession, release_id: int) -> Release:
    release = await session.get(Release, release_id)
    if release is None:
        raise NotFound.single("id", "unknown_release", f"no release {release_id}")
    return release


async def listing(session: AsyncSession) -> list[Release]:
    return list(await session.scalars(select(Release).order_by(Release.id.desc())))


async def publication_state(session: AsyncSession) -> dict[int, Publication]:
    """The latest publication entry of every release that has one."""
    rows = await session.scalars(select(Publication).ext(distinct_on(Publication.release_id))
                                 .order_by(Publication.release_id, Publication.id.desc()))
    return {p.release_id: p for p in rows}


async def is_published(session: AsyncSession, release_id: int) -> bool:
    latest = (await publication_state(session)).get(release_id)
    return latest is not None and latest.action == "published"


async def publish(session: AsyncSession, release_id: int, *, by: str, withdraw: bool = False) -> Publication:
    await get(session, release_id)
    action = "withdrawn" if withdraw else "published"
    latest = (await publication_state(session)).get(release_id)
    if (latest.action if latest else "withdrawn") == action:
        raise Conflict.single("id", f"already_{action}", f"release {release_id} is already {action}")
    entry = Publication(release_id=release_id, action=action, by=by)
    session.add(entry)
    session.add(NationalAuditEntry(actor_kind="national_user", actor=by, action=f"release.{action}",
                                   object=f"release:{release_id}"))
    await session.flush()
    return entry


async def rows(session: AsyncSession, release_id: int) -> list[ReleaseRow]:
    return list(await session.scalars(select(ReleaseRow).where(ReleaseRow.release_id == release_id)
                                      .order_by(ReleaseRow.city_id, ReleaseRow.period)))


def dictionary(method: str = "suppression") -> list[dict]:
    """The data dictionary of a release's tables (also shipped with every download)."""
    out = [{"column": "city", "meaning": "the city (Sverige for the national totals)"},
           {"column": "kommunkod", "meaning": "the four-digit municipality code (0000 for the national totals)"},
           {"column": "period", "meaning": "a month (2019-11) or a year (2019: the months of that year in the release)"}]
    for m in NATIONAL_MEASURES:
        meaning = DESCRIPTIONS[m]
        if method == "cell_key" and m not in EVENT_MEASURES:
            meaning += "; perturbed by cell-key perturbation (see the release's method: D, V and the perturbation table)"
        out.append({"column": m, "meaning": meaning})
        out.append({"column": f"{m}_flag", "meaning": f"why {m} is empty: suppressed (disclosure control) or "
                                                       "not_shared (the city's agreement does not cover it)"})
    return out
