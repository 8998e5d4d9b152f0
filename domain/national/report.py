"""The cross-city report: cities × measures × periods from a release, with national totals, rates per
100,000 inhabitants, and each city's programme start and context events marked.

Built from a release only — never from the live aggregate — so it shows exactly what was protected.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.national import releases
from domain.national.measures import NATIONAL_MEASURES, NON_ADDITIVE
from domain.national.models import CityContextEvent, CityProfile, ReleaseRow
from tenants.errors import ValidationFailed


@dataclass
class Cell:
    measure: str
    value: int | None
    flag: str | None  # suppressed | not_shared | not_available
    rate_per_100k: float | None


@dataclass
class ReportRow:
    city_id: uuid.UUID
    period: str
    cells: list[Cell]


@dataclass
class Report:
    release_id: int
    per: str
    measures: list[str]
    rows: list[ReportRow] = field(default_factory=list)
    cities: list[CityProfile] = field(default_factory=list)
    events: dict[uuid.UUID, list[CityContextEvent]] = field(default_factory=dict)
    populations: dict[uuid.UUID, int | None] = field(default_factory=dict)


async def latest_release_id(session: AsyncSession, *, published_only: bool = False) -> int | None:
    items = await releases.listing(session)
    if published_only:
        state = await releases.publication_state(session)
        items = [r for r in items if state.get(r.id) and state[r.id].action == "published"]
    return items[0].id if items else None


async def build(session: AsyncSession, *, release_id: int, measures: list[str] | None = None, start: str | None = None,
                end: str | None = None, per: str = "month", cities: list[uuid.UUID] | None = None) -> Report:
    release = await releases.get(session, release_id)
    chosen = list(measures or NATIONAL_MEASURES)
    unknown = [m for m in chosen if m not in NATIONAL_MEASURES]
    if unknown:
        raise ValidationFailed.single("measures", "unknown", f"unknown measures: {', '.join(unknown)}")
    if per not in ("month", "year"):
        raise ValidationFailed.single("per", "unknown", "must be month or year")
    rows = await release_rows(session, release_id, [*cities, releases.NATION_UUID] if cities else None)
    meta = {uuid.UUID(c["city_id"]): c for c in release.cities}
    populations: dict[uuid.UUID, int | None] = {cid: c.get("population") for cid, c in meta.items()}
    known = [p for p in populations.values()]
    populations[releases.NATION_UUID] = sum(known) if known and all(p for p in known) else None  # type: ignore[arg-type]
    out = Report(release_id=release_id, per=per, measures=chosen, populations=populations)
    for row in rows:
        length = 7 if per == "month" else 4
        if len(row.period) != length or (start and row.period < start[:length]) or (end and row.period > end[:length]):
            continue
        population = populations.get(row.city_id)
        cells = []
        for m in chosen:
            if per == "year" and m in NON_ADDITIVE:
                cells.append(Cell(m, None, "not_available", None))
            elif m not in row.values:
                cells.append(Cell(m, None, "not_shared", None))
            elif row.values[m] is None:
                cells.append(Cell(m, None, "suppressed", None))
            else:
                v = row.values[m]
                cells.append(Cell(m, v, None, round(v * 100_000 / population, 3) if population else None))
        out.rows.append(ReportRow(row.city_id, row.period, cells))
    out.cities, out.events = await city_profiles(session, list(meta))
    return out


async def release_rows(session: AsyncSession, release_id: int, city_ids: list[uuid.UUID] | None = None) -> list[ReleaseRow]:
    """A release's rows by city and period: every city's, or only those of ``city_ids``."""
    stmt = select(ReleaseRow).where(ReleaseRow.release_id == release_id)
    if city_ids is not None:
        stmt = stmt.where(ReleaseRow.city_id.in_(city_ids))
    return list(await session.scalars(stmt.order_by(ReleaseRow.city_id, ReleaseRow.period)))


async def city_profiles(session: AsyncSession, city_ids: list[uuid.UUID] | None = None
                        ) -> tuple[list[CityProfile], dict[uuid.UUID, list[CityContextEvent]]]:
    """The sharing cities' profiles by name (every one, or those of ``city_ids``) and their context events
    by city, earliest first."""
    profiles = select(CityProfile).order_by(CityProfile.name)
    events_of = select(CityContextEvent).order_by(CityContextEvent.started_on)
    if city_ids is not None:
        profiles = profiles.where(CityProfile.city_id.in_(city_ids))
        events_of = events_of.where(CityContextEvent.city_id.in_(city_ids))
    events: dict[uuid.UUID, list[CityContextEvent]] = {}
    for event in await session.scalars(events_of):
        events.setdefault(event.city_id, []).append(event)
    return list(await session.scalars(profiles)), events
