"""Disclosure control under attack: differencing and linear programming over random tables and release
sequences (Hypothesis). The attacker here is written independently of the implementation: it knows
every number every release published and nothing else, and solves for each suppressed person cell."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scipy.optimize import linprog

from domain.national.disclosure import NATION, ReleaseRefused, protect

MEASURES = ["killed", "clients_attending", "people_reached"]  # exact, protected additive, protected non-additive


def _months(start_year: int, start_month: int, n: int) -> list[str]:
    out = []
    y, m = start_year, start_month
    for _ in range(n):
        out.append(f"{y}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


@st.composite
def release_sequences(draw):
    n_cities = draw(st.integers(2, 5))
    n_months = draw(st.integers(2, 7))
    months = _months(2019, draw(st.sampled_from([1, 6, 10, 11])), n_months)
    cities = [f"c{i}" for i in range(n_cities)]
    small = st.one_of(st.integers(0, 4), st.integers(0, 15))
    truth = {c: {t: {m: draw(small) for m in MEASURES} for t in months} for c in cities}
    ends = sorted(set(draw(st.lists(st.integers(1, n_months), min_size=1, max_size=3))))
    k = draw(st.sampled_from([3, 5]))
    return truth, cities, months, ends, k


def _equations(published: dict, measure: str, variables: dict) -> tuple[list, list]:
    """Every published number of one measure as an equation over the city × month cells."""
    rows, rhs = [], []
    city_months = {(c, t) for (m, c, t) in published if m == measure and c != NATION and len(t) == 7}
    for (m, c, t), v in published.items():
        if m != measure or v is None:
            continue
        if c != NATION and len(t) == 7:
            cells = [(c, t)]
        elif len(t) == 7:
            cells = [(cc, tt) for cc, tt in city_months if tt == t]
        elif c != NATION:
            cells = [(cc, tt) for cc, tt in city_months if cc == c and tt[:4] == t]
        else:
            cells = [(cc, tt) for cc, tt in city_months if tt[:4] == t]
        row = np.zeros(len(variables))
        for cell in cells:
            row[variables[cell]] = 1
        rows.append(row)
        rhs.append(v)
    return rows, rhs


def attack(history: list[dict], truth: dict, measure: str, target: tuple[str, str]) -> tuple[float, float]:
    """The feasible interval of one cell given every release published so far."""
    variables = {(c, t): i for i, (c, t) in enumerate(sorted({(c, t) for c in truth for t in truth[c]}))}
    rows, rhs = [], []
    for published in history:
        r, b = _equations(published, measure, variables)
        rows += r
        rhs += b
    cost = np.zeros(len(variables))
    cost[variables[target]] = 1
    a = np.array(rows) if rows else None
    b = np.array(rhs) if rows else None
    lo = linprog(cost, A_eq=a, b_eq=b, bounds=(0, None), method="highs")
    hi = linprog(-cost, A_eq=a, b_eq=b, bounds=(0, None), method="highs")
    assert lo.status == 0, "the published numbers must be consistent with the truth"
    return lo.fun, (-hi.fun if hi.status == 0 else float("inf"))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(release_sequences())
def test_no_attack_pins_a_suppressed_cell(sequence):
    truth, cities, months, ends, k = sequence
    history: list[dict] = []
    for end in ends:
        try:
            released = protect(truth, cities=cities, months=months[:end], measures=MEASURES, k=k, earlier=history)
        except ReleaseRefused:
            continue  # refused: nothing published
        published = released.published
        history.append(published)
        for (m, c, t), v in published.items():
            true = truth[c][t][m] if c != NATION and len(t) == 7 else None
            if m == "killed":
                assert v is not None  # event counts go out exact
            if v is not None and m != "killed":
                assert not 0 < v < k, f"released person count {v} < k={k} at {(m, c, t)}"
            if true is not None and v is not None:
                assert v == true
        for (m, c, t), v in published.items():
            if v is None and c != NATION and len(t) == 7 and 0 < truth[c][t][m] < k:
                lo, hi = attack(history, truth, m, (c, t))
                assert lo - 1e-6 <= truth[c][t][m] <= hi + 1e-6
                assert hi - lo >= k - 1e-6, f"{(m, c, t)} pinned to [{lo}, {hi}] after {len(history)} releases"


def test_primary_and_secondary_suppression_on_a_known_table():
    months = ["2020-01", "2020-02", "2020-03"]
    truth = {"a": {"2020-01": {"clients_attending": 2}, "2020-02": {"clients_attending": 9}, "2020-03": {"clients_attending": 7}},
             "b": {"2020-01": {"clients_attending": 8}, "2020-02": {"clients_attending": 6}, "2020-03": {"clients_attending": 10}}}
    out = protect(truth, cities=["a", "b"], months=months, measures=["clients_attending"], k=5)
    assert out.published[("clients_attending", "a", "2020-01")] is None  # primary
    # a single hidden cell in a row with a published total would be recomputed: a partner is hidden too
    row_a = [out.published[("clients_attending", "a", t)] for t in months]
    col_1 = [out.published[("clients_attending", c, "2020-01")] for c in ("a", "b")]
    assert row_a.count(None) >= 2 and col_1.count(None) >= 2
    assert out.published[("clients_attending", NATION, "2020")] == 42  # the national total stays
    assert all(line.ok for line in out.audit)


def test_a_new_month_does_not_reveal_last_releases_cell():
    # release 1: Jan–Feb; release 2 adds March. 2020 totals change by exactly March's cells.
    truth = {c: {t: {"clients_attending": v} for t, v in zip(["2020-01", "2020-02", "2020-03"], vals, strict=True)}
             for c, vals in {"a": (3, 8, 6), "b": (7, 9, 1), "c": (12, 6, 9)}.items()}
    first = protect(truth, cities=list(truth), months=["2020-01", "2020-02"], measures=["clients_attending"], k=5)
    second = protect(truth, cities=list(truth), months=["2020-01", "2020-02", "2020-03"], measures=["clients_attending"],
                     k=5, earlier=[first.published])
    for c in truth:
        for t in ("2020-01", "2020-02", "2020-03"):
            if 0 < truth[c][t]["clients_attending"] < 5:
                lo, hi = attack([first.published, second.published], truth, "clients_attending", (c, t))
                assert hi - lo >= 5


def test_refuses_a_release_when_earlier_numbers_pin_a_cell():
    # a (hand-made, careless) earlier release showed b and the national total: a = 7 - 6 for anyone
    truth = {"a": {"2020-01": {"support_started": 1}}, "b": {"2020-01": {"support_started": 6}}}
    leaked = {("support_started", "a", "2020-01"): None, ("support_started", "b", "2020-01"): 6,
              ("support_started", NATION, "2020-01"): 7}
    with pytest.raises(ReleaseRefused) as refused:
        protect(truth, cities=["a", "b"], months=["2020-01"], measures=["support_started"], k=5, earlier=[leaked])
    assert ("support_started", "a", "2020-01") in refused.value.cells
    # revised data since: the old equation no longer holds, and the release can go out
    truth["b"]["2020-01"]["support_started"] = 8
    protect(truth, cities=["a", "b"], months=["2020-01"], measures=["support_started"], k=5, earlier=[leaked])
