"""Signed-in release downloads (the web UI's): national readers only, read as the national role, audited."""

from __future__ import annotations

import csv
import io
import json
from datetime import date

from sqlalchemy import text

from domain.identity.principal import Role
from domain.national import releases
from domain.national.refresh import refresh
from tests.identity.conftest import sign_in_role
from tests.national.helpers import add_shootings, agree


async def test_national_readers_download_any_release_audited_and_nobody_else(web, nationals, city, sessions,
                                                                              writer_sessions, publisher_sessions):
    await add_shootings(sessions, city.tenant, date(2023, 3, 4), 2, injured=1)
    await agree(sessions, city.tenant)
    await refresh(writer_sessions, only=[city.slug])
    release = await releases.create(publisher_sessions, releases.ReleaseParameters(k=5, period_from="2023-01",
                                                                                   period_to="2023-12"),
                                    created_by="test")

    assert (await web.get(f"/api/national/releases/{release.id}.csv")).status_code == 401  # not signed in

    await sign_in_role(web, Role.coordinator, city)  # a city's coordinator: no national access
    assert (await web.get(f"/api/national/releases/{release.id}.csv")).status_code == 403

    await sign_in_role(web, Role.evaluator, nationals=nationals)  # unpublished, yet readable by national users
    r = await web.get(f"/api/national/releases/{release.id}.csv")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv"), r.text
    assert int(r.headers["content-length"]) == len(r.content)  # the UI's progress bar needs the size
    assert f'gvi-release-{release.id}.csv' in r.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(r.text)))
    ours = [x for x in rows if x["kommunkod"] == city.tenant.kommunkod and x["period"] == "2023-03"]
    assert ours and ours[0]["shootings_with_injury"] == "2"
    assert set(rows[0]) >= {"city", "kommunkod", "period"} and not any("person" in c for c in rows[0])
    j = await web.get(f"/api/national/releases/{release.id}.json")
    assert j.status_code == 200 and "dictionary" in json.dumps(j.json())
    assert (await web.get(f"/api/national/releases/{release.id}.xlsx")).content[:2] == b"PK"

    bad = await web.get(f"/api/national/releases/{release.id}.pdf")
    assert bad.status_code == 404 and "csv, xlsx or json" in bad.json()["detail"]
    missing = await web.get("/api/national/releases/999999.csv")
    assert missing.status_code == 404 and "999999" in missing.json()["detail"]

    async with publisher_sessions() as s:
        logged = list((await s.execute(text(
            "select action, details->>'format' from national.action_log where object = :o and action = 'release.download' "
            "order by id"), {"o": f"release:{release.id}"})).all())
    assert [tuple(x) for x in logged] == [("release.download", "csv"), ("release.download", "json"),
                                          ("release.download", "xlsx")]
