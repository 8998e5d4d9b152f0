"""Releases: protected, immutable, reproducible, published only on purpose; exports with flags."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import DBAPIError

from domain.national import export, releases
from domain.national.measures import EVENT_MEASURES, NATIONAL_MEASURES
from domain.national.models import ReleaseRow
from domain.national.refresh import refresh
from tenants.database import transaction
from tenants.errors import Conflict, ValidationFailed
from tests.national.helpers import add_shootings, agree, make_city


@pytest.fixture(scope="module")
async def release(demo, app_sessions, writer_sessions, publisher_sessions):
    small = await make_city(app_sessions, kommunkod="0115")
    await add_shootings(app_sessions, small, date(2019, 2, 3), 2, injured=1)
    await agree(app_sessions, small)
    await refresh(writer_sessions)
    created = await releases.create(publisher_sessions, releases.ReleaseParameters(k=5, period_from="2017-01",
                                                                                  period_to="2020-12"),
                                    created_by="national.coordinator")
    return created


async def test_no_released_person_count_is_small_and_events_are_exact(release, demo, publisher_sessions):
    async with publisher_sessions() as s:
        rows = await releases.rows(s, release.id)
    assert rows and release.rows == len(rows)
    suppressed = 0
    for row in rows:
        for measure, value in row.values.items():
            if measure in EVENT_MEASURES:
                assert value is not None
            elif value is None:
                suppressed += 1
            else:
                assert not 0 < value < 5, (row.city_id, row.period, measure, value)
    assert suppressed > 0  # the demo has small person counts: they are protected, not dropped silently
    malmo = {r.period: r.values for r in rows if r.city_id == demo["malmo"].id}
    # the pilot's published table, as monthly cells summed and as the release's own yearly totals
    for year, killed, injured, explosions in (("2017", 7, 35, 58), ("2018", 12, 14, 45)):
        assert sum(v["killed"] for p, v in malmo.items() if p.startswith(year + "-")) == killed
        assert (malmo[year]["killed"], malmo[year]["injured"], malmo[year]["explosions"]) == (killed, injured, explosions)


async def test_the_audit_recorded_every_suppressed_cell_as_protected(release, publisher_sessions):
    async with publisher_sessions() as s:
        entry = (await s.execute(text("select details from national.action_log where action = 'release.create' "
                                      "and object = :o"), {"o": f"release:{release.id}"})).scalar_one()
    assert entry["audit"]["audited"] > 0 and entry["audit"]["narrowest"] >= 5
    assert entry["hash"] == release.content_hash


async def test_recomputing_gives_the_same_hash(release, publisher_sessions):
    async with publisher_sessions() as s:
        assert await releases.recompute(s, release.id) == release.content_hash


async def test_releases_are_immutable_even_for_the_owner(release, owner_engine, publisher_engine):
    for sql in ("update national.releases set k = 1", "update national.releases set content_hash = 'x'",
                "delete from national.releases", "update national.release_rows set values = '{}'",
                "delete from national.release_rows", "truncate national.release_rows cascade",
                "delete from national.measure_versions"):
        async with owner_engine.connect() as conn:
            with pytest.raises(DBAPIError, match="immutable|does not exist"):
                await conn.execute(text(sql))
            await conn.rollback()
    async with publisher_engine.connect() as conn:  # no rows added to an existing release, ever
        with pytest.raises(DBAPIError, match="immutable"):
            await conn.execute(text("insert into national.release_rows (release_id, city_id, period, values) "
                                    "values (:r, gen_random_uuid(), '2030-01', '{}')"), {"r": release.id})
        await conn.rollback()


async def test_publish_and_withdraw(release, publisher_sessions):
    async with transaction(publisher_sessions) as s:
        assert not await releases.is_published(s, release.id)
        await releases.publish(s, release.id, by="national.coordinator")
    async with transaction(publisher_sessions) as s:
        assert await releases.is_published(s, release.id)
        with pytest.raises(Conflict):
            await releases.publish(s, release.id, by="national.coordinator")
    async with transaction(publisher_sessions) as s:
        await releases.publish(s, release.id, by="national.coordinator", withdraw=True)
    async with transaction(publisher_sessions) as s:
        assert not await releases.is_published(s, release.id)


async def test_the_csv_has_a_row_per_city_and_month_and_flags_empty_cells(release, publisher_sessions, demo):
    async with publisher_sessions() as s:
        data = export.render(release, await releases.rows(s, release.id), "csv").decode()
    reader = list(csv.DictReader(io.StringIO(data)))
    assert reader[0].keys() >= {"city", "kommunkod", "period", "killed", "killed_flag", "clients_attending",
                                "support_completed", "support_completed_flag"}
    malmo_nov = next(r for r in reader if r["kommunkod"] == "1280" and r["city"] == "Malmö" and r["period"] == "2019-11")
    assert malmo_nov["killed"] != ""
    for r in reader:
        for m in NATIONAL_MEASURES:
            assert (r[m] == "") == (r[f"{m}_flag"] in ("suppressed", "not_shared"))
    assert any(r[f"{m}_flag"] == "suppressed" for r in reader for m in NATIONAL_MEASURES)
    assert any(r["city"] == "Sverige" and r["period"] == "2019" for r in reader)
    xlsx = export.render(release, await _rows(publisher_sessions, release.id), "xlsx")
    assert xlsx[:2] == b"PK"


async def _rows(sessions, release_id):
    async with sessions() as s:
        return list(await s.scalars(select(ReleaseRow).where(ReleaseRow.release_id == release_id)))


async def test_release_jobs_run_in_the_background_queue(release, publisher_sessions):
    async with transaction(publisher_sessions) as s:
        job = await releases.request(s, releases.ReleaseParameters(k=5, period_from="2019-01", period_to="2019-12"),
                                     requested_by="national.coordinator", request_key="test-job-1")
        again = await releases.request(s, releases.ReleaseParameters(k=5), requested_by="x", request_key="test-job-1")
        assert again.id == job.id and job.status == "queued"
    done = await releases.work(publisher_sessions, job_id=job.id)
    assert [j.status for j in done] == ["done"] and done[0].release_id > release.id
    with pytest.raises(ValidationFailed) as refused:
        releases.ReleaseParameters(k=1, period_from="2019-13").validated()
    assert {e.field for e in refused.value.errors} == {"k", "from"}
