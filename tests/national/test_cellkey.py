"""Cell-key perturbation: a published table, deterministic noise per cell, no small count leaked."""

from __future__ import annotations

from datetime import date

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from domain.national import cellkey, releases
from domain.national.disclosure import NATION, Grid
from domain.national.refresh import refresh
from tenants.errors import ValidationFailed
from tenants.settings import get_settings
from tests.national.helpers import add_shootings, agree, make_city

MEASURES = ["killed", "clients_attending", "people_reached"]  # exact, protected additive, protected non-additive
SECRET = b"test cell-key secret"


@pytest.mark.parametrize(("d", "v", "k"), [(5, 2.0, 5), (4, 1.5, 5), (3, 1.0, 3), (6, 4.0, 5)])
def test_the_perturbation_table_is_unbiased_bounded_and_never_small(d, v, k):
    table = cellkey.ptable(d, v, k)
    assert table == cellkey.ptable(d, v, k)  # the same parameters, the same table
    assert table[0] == [(0, cellkey.SCALE)]  # zero stays zero
    for n, row in table.items():
        assert sum(c for _, c in row) == cellkey.SCALE
        assert abs(sum(e * c for e, c in row) / cellkey.SCALE) < 1e-4, f"row {n} is biased"
        for e, _ in row:
            assert abs(e) <= d and n + e >= 0 and not 0 < n + e < k
    far = table[max(table)]
    assert abs(sum(e * e * c for e, c in far) / cellkey.SCALE - v) < 1e-3


def test_parameters_are_checked_and_published():
    with pytest.raises(ValidationFailed) as bad:
        releases.ReleaseParameters(k=5, method="cell_key", d=2).validated()
    assert {e.field for e in bad.value.errors} >= {"d"}
    with pytest.raises(ValidationFailed) as bad:
        releases.ReleaseParameters(k=5, d=5).validated()  # D belongs to cell_key only
    assert [e.field for e in bad.value.errors] == ["d"]
    # a suppression release's parameters (and so the hashes of releases made before) are unchanged
    assert releases.ReleaseParameters(k=5).as_dict() == {"k": 5, "protection": 5, "from": None, "to": None,
                                                         "method": "suppression"}
    text = releases.methodology({**releases.ReleaseParameters(k=5, method="cell_key").as_dict(), "from": "2020-01",
                                 "to": "2020-12"})
    assert "D=5" in text and "V=2.0" in text and "n=1: " in text


@st.composite
def tables(draw):
    n_cities, n_months = draw(st.integers(1, 5)), draw(st.integers(1, 14))
    months = [f"{2019 + (m // 12)}-{m % 12 + 1:02d}" for m in range(n_months)]
    cities = [f"c{i}" for i in range(n_cities)]
    values = np.array(draw(st.lists(st.integers(0, 30), min_size=n_cities * n_months * len(MEASURES),
                                    max_size=n_cities * n_months * len(MEASURES))), dtype=np.int64)
    return Grid(cities, months, MEASURES, values.reshape(n_cities, n_months, len(MEASURES))), draw(st.sampled_from([3, 5]))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tables())
def test_perturbation_is_deterministic_bounded_and_leaks_no_small_count(table):
    grid, k = table
    d = k
    out = cellkey.perturb(grid, cities=grid.cities, months=grid.months, measures=MEASURES, k=k, d=d, v=2.0, secret=SECRET)
    again = cellkey.perturb(grid, cities=grid.cities, months=grid.months, measures=MEASURES, k=k, d=d, v=2.0, secret=SECRET)
    assert out.published == again.published and not out.suppressed
    # a shorter release: the cells it shares with the longer one get the same noise (no averaging away)
    part = cellkey.perturb(grid, cities=grid.cities, months=grid.months[:1], measures=MEASURES, k=k, d=d, v=2.0,
                           secret=SECRET)
    for key, value in part.published.items():
        if len(key[2]) == 7:
            assert out.published[key] == value
    for (m, c, t), v in out.published.items():
        if c != NATION and len(t) == 7:
            true = int(grid.values[grid.ci[c], grid.ti[t], grid.mi[m]])
        elif c != NATION:  # a city's year
            true = int(sum(grid.values[grid.ci[c], j, grid.mi[m]] for j, mm in enumerate(grid.months) if mm[:4] == t))
        elif len(t) == 7:
            true = int(grid.values[:, grid.ti[t], grid.mi[m]].sum())
        else:
            true = int(sum(grid.values[:, j, grid.mi[m]].sum() for j, mm in enumerate(grid.months) if mm[:4] == t))
        if m == "killed":
            assert v == true  # event counts exact, totals too
            continue
        assert not 0 < v < k, f"published person count {v} < k={k} at {(m, c, t)}"
        assert abs(v - true) <= d and v >= 0 and (true != 0 or v == 0)


def test_the_noise_needs_the_secret():
    rng = np.random.default_rng(1)
    grid = Grid([f"c{i}" for i in range(20)], [f"2020-{m:02d}" for m in range(1, 13)], MEASURES,
                rng.integers(1, 30, size=(20, 12, 3)))
    a = cellkey.perturb(grid, cities=grid.cities, months=grid.months, measures=MEASURES, k=5, d=5, v=2.0, secret=SECRET)
    b = cellkey.perturb(grid, cities=grid.cities, months=grid.months, measures=MEASURES, k=5, d=5, v=2.0, secret=b"other")
    assert a.published != b.published


async def test_a_cell_key_release_is_stored_reproducible_and_has_no_small_counts(app_sessions, writer_sessions,
                                                                                 publisher_sessions, monkeypatch):
    monkeypatch.setattr(get_settings(), "national_cell_key_secret", "test secret")
    city = await make_city(app_sessions)
    await add_shootings(app_sessions, city, date(2023, 5, 6), 3, killed=1)
    await agree(app_sessions, city)
    await refresh(writer_sessions)
    made = await releases.create(publisher_sessions, releases.ReleaseParameters(
        k=5, period_from="2023-01", period_to="2023-12", method="cell_key", d=5, v=2.0), created_by="national.coordinator")
    assert made.method == "cell_key" and made.parameters["d"] == 5 and made.parameters["v"] == 2.0
    assert "cell-key perturbation" in made.methodology and "D=5" in made.methodology
    async with publisher_sessions() as s:
        assert await releases.recompute(s, made.id) == made.content_hash
        rows = await releases.rows(s, made.id)
    assert rows
    for row in rows:
        for measure, value in row.values.items():
            assert value is not None  # nothing suppressed
            if measure not in {"killed", "injured", "shootings_with_injury", "shootings_without_injury", "explosions",
                               "call_ins_held"}:
                assert not 0 < value < 5
    mine = [r for r in rows if r.city_id == city.id and r.period == "2023-05"]
    assert mine and mine[0].values["killed"] == 3  # events exact
    monkeypatch.setattr(get_settings(), "national_cell_key_secret", None)
    with pytest.raises(ValidationFailed) as refused:
        releases.ReleaseParameters(k=5, method="cell_key").validated()
    assert [e.field for e in refused.value.errors] == ["method"]
