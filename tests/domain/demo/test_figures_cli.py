"""`gvi figures` after the demo load prints the source's table (as an operator runs it)."""

import csv
import io
import json

from tests.tenants.test_cli import gvi


async def test_figures_csv_and_json_for_malmo(demo, test_database):
    out = gvi(test_database, "figures", "--tenant", "malmo", "--period", "year", "--from", "2017-01-01",
              "--to", "2019-11-11", "--format", "csv")
    assert out.returncode == 0, out.stderr
    rows = list(csv.DictReader(io.StringIO(out.stdout)))
    assert [r["period"] for r in rows] == ["2017", "2018", "2019"]
    assert [(r["shootings_without_injury"], r["killed"], r["injured"], r["explosions"]) for r in rows] == [
        ("23", "7", "35", "58"), ("23", "12", "14", "45"), ("12", "5", "13", "29")]

    out = gvi(test_database, "figures", "--tenant", "malmo", "--period", "quarter", "--from", "2019-10-01",
              "--to", "2019-12-31", "--format", "json")
    assert out.returncode == 0, out.stderr
    assert [r["period"] for r in json.loads(out.stdout)["rows"]] == ["2019-Q4"]

    out = gvi(test_database, "figures", "--tenant", "malmo", "--period", "month", "--from", "2019-11-01", "--to", "2019-12-31")
    assert out.returncode == 0 and "2019-11" in out.stdout and "shootings_with_injury" in out.stdout


async def test_figures_unknown_city_and_bad_date(demo, test_database):
    out = gvi(test_database, "figures", "--tenant", "nowhere")
    assert out.returncode == 2 and "nowhere" in out.stderr
    out = gvi(test_database, "figures", "--tenant", "malmo", "--from", "2019-13-01")
    assert out.returncode == 2 and "--from" in out.stderr
