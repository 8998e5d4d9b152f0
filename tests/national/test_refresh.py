"""Refresh: only cities with an agreement in force share, only what it covers; city and nation agree."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select, text
from sqlalchemy.dialects.postgresql import distinct_on

from domain.figures.service import city_figures
from domain.national import agreements
from domain.national.models import CityContextEvent, CityProfile, MeasureVersion
from domain.national.refresh import refresh
from domain.programme.models import ContextEvent, ProgrammePhase, ProgrammeSettings
from tenants.context import tenant_context
from tenants.errors import Conflict, ValidationFailed
from tests.domain.conftest import as_city
from tests.national.helpers import add_shootings, agree, make_city, pause


async def _latest(sessions, city_id) -> dict[date, dict]:
    async with sessions() as s:
        rows = await s.execute(select(MeasureVersion.period, MeasureVersion.values).where(MeasureVersion.city_id == city_id)
                               .ext(distinct_on(MeasureVersion.period)).order_by(MeasureVersion.period, MeasureVersion.run_id.desc()))
        return {r.period: r.values for r in rows}


async def test_a_city_without_agreement_shares_nothing(app_sessions, writer_sessions):
    city = await make_city(app_sessions)
    await add_shootings(app_sessions, city, date(2024, 3, 5), 2)
    result = await refresh(writer_sessions, only=[city.slug])
    assert result.cities_skipped == {city.slug: "no sharing agreement"}
    assert await _latest(writer_sessions, city.id) == {}
    async with writer_sessions() as s:
        assert await s.get(CityProfile, city.id) is None


async def test_shares_exactly_the_covered_measures_and_only_changes(app_sessions, writer_sessions):
    city = await make_city(app_sessions)
    await add_shootings(app_sessions, city, date(2024, 3, 5), 2, injured=1)
    await agree(app_sessions, city, ["shootings_with_injury", "injured"])
    first = await refresh(writer_sessions, only=[city.slug])
    assert first.cities_shared == [city.slug]
    months = await _latest(writer_sessions, city.id)
    assert months[date(2024, 3, 1)] == {"shootings_with_injury": 2, "injured": 2}
    assert all(set(v) == {"shootings_with_injury", "injured"} for v in months.values())
    again = await refresh(writer_sessions, only=[city.slug])
    assert again.rows_written == 0  # nothing changed: no new version
    await add_shootings(app_sessions, city, date(2024, 3, 20), 1)  # without injury: not covered, nothing changes
    assert (await refresh(writer_sessions, only=[city.slug], incremental=True, months_back=1200)).rows_written == 0
    await add_shootings(app_sessions, city, date(2024, 3, 21), 1, killed=1)
    third = await refresh(writer_sessions, only=[city.slug], incremental=True, months_back=1200)
    assert third.rows_written == 1
    assert (await _latest(writer_sessions, city.id))[date(2024, 3, 1)] == {"shootings_with_injury": 3, "injured": 2}
    async with writer_sessions() as s:
        profile = await s.get(CityProfile, city.id)
        assert (profile.sharing, profile.measures) == ("in_force", ["shootings_with_injury", "injured"])


async def test_a_paused_city_gains_no_new_months(app_sessions, writer_sessions):
    city = await make_city(app_sessions)
    await add_shootings(app_sessions, city, date(2023, 5, 5), 1)
    await agree(app_sessions, city)
    await refresh(writer_sessions, only=[city.slug])
    before = await _latest(writer_sessions, city.id)
    assert before[date(2023, 5, 1)]["shootings_without_injury"] == 1
    await pause(app_sessions, city)
    await add_shootings(app_sessions, city, date(2023, 6, 5), 3)
    result = await refresh(writer_sessions, only=[city.slug])
    assert result.cities_skipped == {city.slug: "agreement paused"}
    assert await _latest(writer_sessions, city.id) == before  # what was shared stays; nothing new
    async with writer_sessions() as s:
        assert (await s.get(CityProfile, city.id)).sharing == "paused"


async def test_a_suspended_city_does_not_share(app_sessions, writer_sessions, owner_engine):
    city = await make_city(app_sessions)
    await add_shootings(app_sessions, city, date(2023, 5, 5), 1)
    await agree(app_sessions, city)
    async with owner_engine.begin() as conn:
        await conn.execute(text("update tenants set status = 'suspended', suspended_at = now(), "
                                "suspension_reason = 'agreement lapsed' where id = :id"), {"id": city.id})
    result = await refresh(writer_sessions, only=[city.slug])
    assert result.cities_skipped == {city.slug: "city is suspended"}
    assert await _latest(writer_sessions, city.id) == {}


async def test_the_nation_and_the_city_agree(demo, app_sessions, writer_sessions):
    malmo = demo["malmo"]
    await refresh(writer_sessions, only=["malmo"])
    months = await _latest(writer_sessions, malmo.id)
    with tenant_context(malmo.id):
        async with app_sessions() as s:
            years = {r.label: r.values for r in await city_figures(s, period="year", start=date(2017, 1, 1),
                                                                     end=date(2018, 12, 31))}
    for year in ("2017", "2018"):
        summed = {m: sum(v[m] for p, v in months.items() if str(p.year) == year)
                  for m in ("shootings_without_injury", "killed", "injured", "explosions", "clients_attending")}
        assert summed == {m: years[year][m] for m in summed}
    # the pilot's published table (README of the reference material)
    assert sum(v["killed"] for p, v in months.items() if p.year == 2017) == 7
    assert sum(v["explosions"] for p, v in months.items() if p.year == 2018) == 45
    assert any("people_on_focus_list" in v for v in months.values())
    # the programme's start and phase and the context events the city marked national: kinds and dates only
    with tenant_context(malmo.id):
        async with app_sessions() as s:
            settings = await s.scalar(select(ProgrammeSettings))
            phase = await s.scalar(select(ProgrammePhase).order_by(ProgrammePhase.started_on.desc()).limit(1))
            marked = sorted((e.kind.value, e.started_on, e.ended_on)
                            for e in await s.scalars(select(ContextEvent).where(ContextEvent.national.is_(True))))
    async with writer_sessions() as s:
        profile = await s.get(CityProfile, malmo.id)
        shared = sorted((e.kind, e.started_on, e.ended_on) for e in await s.scalars(
            select(CityContextEvent).where(CityContextEvent.city_id == malmo.id)))
    assert (profile.programme_started_on, profile.phase, profile.phase_started_on) == (
        settings.started_on, phase.phase.value, phase.started_on)
    assert profile.programme_started_on is not None and marked and shared == marked
    assert not {c.name for c in CityContextEvent.__table__.columns} - {"id", "city_id", "kind", "started_on", "ended_on"}


async def test_agreements_refuse_bad_input_naming_the_field(db, tenant_a):
    async with as_city(db, tenant_a):
        with pytest.raises(ValidationFailed) as refused:
            await agreements.record(db, reference=" ", signatory="", signed_on=date(2999, 1, 1),
                                    measures=["killed", "names"], recorded_by="t")
        assert {e.field for e in refused.value.errors} == {"reference", "signatory", "signedOn", "measures"}
        with pytest.raises(Conflict):
            await agreements.pause(db, paused_by="t")
        row = await agreements.record(db, reference="KS 1", signatory="S", signed_on=date(2024, 1, 1), recorded_by="t")
        assert row.measures[0] == "shootings_with_injury" and agreements.in_force(row)
        await agreements.pause(db, paused_by="t")
        assert not agreements.in_force(await agreements.current(db))
