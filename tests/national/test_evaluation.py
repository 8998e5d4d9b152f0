"""The estimators recover a known effect from synthetic data made with it."""

from __future__ import annotations

import numpy as np

from domain.national.evaluation import its, staggered_did
from domain.national.synthetic import panel


def test_its_recovers_a_known_rate_ratio_in_one_city():
    p = panel(cities=1, months=96, rate_ratio=0.6, treated_share=1.0, seed=3, first_start=48, base_rate=40)
    start = int(p.start[0])
    result = its(p.counts[0], start)
    assert result is not None
    assert result.lower <= 0.6 <= result.upper, result
    assert result.rate_ratio < 0.85 and result.caveats
    assert its(p.counts[0][:30], 20) is None  # not enough history: no estimate rather than a bad one


def _rates(p):
    return p.counts / (p.population[:, None] / 100_000)


def test_staggered_did_recovers_the_effect_and_a_flat_pre_period():
    p = panel(cities=120, months=72, rate_ratio=0.7, treated_share=0.4, seed=5, first_start=18, base_rate=3)
    result = staggered_did(_rates(p), p.start, weights=p.population, reps=99, window=range(-6, 13))
    assert result is not None and result.treated > 20
    assert result.rate_ratio_lower <= 0.7 <= result.rate_ratio_upper, result
    assert result.effect < 0
    pre = [e for e in result.event_study if e.event_time < -1]
    assert pre and sum(e.lower <= 0 <= e.upper for e in pre) >= len(pre) - 1  # parallel pre-trends hold


def test_the_95_percent_interval_covers_the_truth_in_at_least_90_percent_of_runs():
    covered, runs = 0, 30
    for seed in range(runs):
        p = panel(cities=60, months=48, rate_ratio=0.75, treated_share=0.5, seed=100 + seed, first_start=12, base_rate=4)
        r = staggered_did(_rates(p), p.start, weights=p.population, reps=79, window=range(-3, 6), seed=seed)
        covered += r.rate_ratio_lower <= 0.75 <= r.rate_ratio_upper
    assert covered / runs >= 0.9, f"covered {covered} of {runs}"


def test_no_effect_gives_an_interval_around_one():
    p = panel(cities=100, months=60, rate_ratio=1.0, treated_share=0.4, seed=9, first_start=18, base_rate=3)
    r = staggered_did(_rates(p), p.start, weights=p.population, reps=99, window=range(-3, 6))
    assert r.rate_ratio_lower <= 1.0 <= r.rate_ratio_upper
    assert np.isfinite(r.rate_ratio)
