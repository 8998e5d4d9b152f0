"""`gvi national …` end to end, as an operator runs it (each job connects as its own role)."""

from __future__ import annotations

import csv
import io
from datetime import date

from sqlalchemy import text

from tenants.context import tenant_context
from tests.identity.test_cli import run
from tests.national.helpers import add_shootings, make_city


async def test_sharing_refresh_release_export_verify(test_database, app_sessions, tmp_path):
    city = await make_city(app_sessions, kommunkod="0117")
    await add_shootings(app_sessions, city, date(2021, 4, 9), 2, killed=1)
    bad = run(test_database, "national", "sharing", "record", "--tenant", city.slug, "--reference", "", "--signatory", "S",
              "--signed-on", "2021-13-01")
    assert bad.returncode == 2 and "signedOn" in bad.stderr
    ok = run(test_database, "national", "sharing", "record", "--tenant", city.slug, "--reference", "KS 2021/9",
             "--signatory", "Ordförande", "--signed-on", "2021-05-01")
    assert ok.returncode == 0, ok.stderr
    refreshed = run(test_database, "national", "refresh", "--city", city.slug)
    assert refreshed.returncode == 0 and "1 cities shared" in refreshed.stdout, refreshed.stdout + refreshed.stderr
    made = run(test_database, "national", "release", "create", "--k", "5", "--from", "2021-01", "--to", "2021-12")
    assert made.returncode == 0, made.stderr
    release_id = made.stdout.strip().splitlines()[-1]
    assert release_id.isdigit()
    exported = run(test_database, "national", "release", "export", release_id, "--format", "csv")
    assert exported.returncode == 0, exported.stderr
    rows = [r for r in csv.DictReader(io.StringIO(exported.stdout)) if r["kommunkod"] == "0117" and r["period"] == "2021-04"]
    assert rows and rows[0]["shootings_with_injury"] == "2" and rows[0]["killed"] == "2"
    out = tmp_path / "release.xlsx"
    assert run(test_database, "national", "release", "export", release_id, "--format", "xlsx", "--out", str(out)).returncode == 0
    assert out.read_bytes()[:2] == b"PK"
    verified = run(test_database, "national", "release", "verify", release_id)
    assert verified.returncode == 0, verified.stdout + verified.stderr
    paused = run(test_database, "national", "sharing", "pause", "--tenant", city.slug)
    assert paused.returncode == 0 and "paused" in paused.stdout
    # both changes of the agreement are in the city's audit log, by the operator
    with tenant_context(city.id):
        async with app_sessions() as s:
            logged = list((await s.execute(text(
                "select actor_kind, details->>'change', details->>'reference' from audit_log "
                "where object_type = 'national_sharing_agreement' order by seq"))).all())
    assert [tuple(x) for x in logged] == [("cli", "recorded", "KS 2021/9"), ("cli", "paused", "KS 2021/9")], logged
