"""Cell-key perturbation: the alternative to suppression (the method Statistics Sweden and the ABS use).

Every published person count — a city's month, a city's year, the nation's month and year — is
perturbed on its own: its **cell key** (a number in [0, 1) fixed for that measure, city and period)
picks a perturbation from the published **perturbation table** row of its true count. The same cell
with the same count therefore gets the same noise in every release: comparing releases, or asking
again, averages nothing away.

The table has two published parameters: ``D``, the largest perturbation, and ``V``, the variance of
the perturbation of a count far from the small range. Each row is the maximum-entropy-shaped
distribution ``p(e) ∝ exp(-e²/2σ² + λe)`` over ``-D ≤ e ≤ D``, with σ set so that the unconstrained
row has variance ``V`` and λ so that every row has mean 0 (unbiased, up to the rounding of the
probabilities to millionths). Zero stays zero, no count becomes negative, and no published count is
``0 < n < k``: small counts go to 0 or to at least k (so ``D ≥ k - 1``).

A total is perturbed as a cell of its own, so a published total need not equal the sum of its
published parts; each figure is within ``D`` of the truth. Event counts stay exact.

The cell keys come from a keyed hash (HMAC-SHA256) of the cell's identity under the deployment's
secret: without it nobody can tell which perturbation a cell got. Keep the secret: recomputing a
release (and its hash) needs the same one.
"""

from __future__ import annotations

import hashlib
import hmac
import math

import numpy as np

from domain.national.disclosure import NATION, Grid, MeasureTable, Protected, exact_tables
from domain.national.measures import is_protected

SCALE = 1_000_000  # probabilities in millionths: the table is exact integers, the same on every machine


def _weights(allowed: list[int], sigma: float, lam: float) -> list[float]:
    return [math.exp(-e * e / (2 * sigma * sigma) + lam * e) for e in allowed]


def _moments(allowed: list[int], sigma: float, lam: float) -> tuple[float, float]:
    w = _weights(allowed, sigma, lam)
    total = sum(w)
    mean = sum(e * x for e, x in zip(allowed, w, strict=True)) / total
    return mean, sum((e - mean) ** 2 * x for e, x in zip(allowed, w, strict=True)) / total


def _bisect(f, lo: float, hi: float) -> float:
    for _ in range(200):
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if f(mid) < 0 else (lo, mid)
    return (lo + hi) / 2


def ptable(d: int, v: float, k: int) -> dict[int, list[tuple[int, int]]]:
    """The perturbation table: true count n -> [(perturbation, probability in millionths)], for
    n = 0 … k + D; a larger count uses the last row (it is far from the small range)."""
    span = list(range(-d, d + 1))
    if v >= _moments(span, 1e6, 0.0)[1]:
        raise ValueError("V is larger than a perturbation of at most D can have")
    sigma = _bisect(lambda s: _moments(span, s, 0.0)[1] - v, 1e-3, 1e6)
    table: dict[int, list[tuple[int, int]]] = {0: [(0, SCALE)]}
    for n in range(1, k + d + 1):
        allowed = [e for e in span if n + e >= 0 and not 0 < n + e < k]
        lam = _bisect(lambda x, allowed=allowed: _moments(allowed, sigma, x)[0], -60.0, 60.0) if len(allowed) > 1 else 0.0
        w = _weights(allowed, sigma, lam)
        counts = [int(x / sum(w) * SCALE) for x in w]
        counts[max(range(len(counts)), key=lambda i: w[i])] += SCALE - sum(counts)
        table[n] = [(e, c) for e, c in zip(allowed, counts, strict=True) if c > 0]
    return table


def cell_key(secret: bytes, measure: str, city: str, period: str) -> float:
    """The cell's fixed key in [0, 1): the same cell always gets the same one."""
    digest = hmac.new(secret, f"{measure}|{city}|{period}".encode(), hashlib.sha256).digest()
    return int.from_bytes(digest[:8], "big") / 2**64


def perturbed(n: int, key: float, table: dict[int, list[tuple[int, int]]]) -> int:
    """The published value of a true count ``n`` with cell key ``key``."""
    top = max(table)
    row = table[min(n, top)]
    at = key * SCALE
    cumulative = 0
    for e, c in row:
        cumulative += c
        if at < cumulative:
            return n + e
    return n + row[-1][0]


def perturb(grid: Grid, *, cities: list[str], months: list[str], measures: list[str], k: int, d: int, v: float,
            secret: bytes) -> Protected:
    """One release by cell-key perturbation: the exact tables with every person count perturbed."""
    table = ptable(d, v, k)
    cities, months, years, tables = exact_tables(grid, cities, months, measures)

    def noisy(arr: np.ndarray | None, measure: str, keys) -> np.ndarray | None:
        if arr is None:
            return None
        out = arr.copy()
        for idx in zip(*np.nonzero(arr > 0), strict=True):
            city, period = keys(*idx)
            out[idx] = perturbed(int(arr[idx]), cell_key(secret, measure, city, period), table)
        return out

    result: dict[str, MeasureTable] = {}
    for measure, t in tables.items():
        if not is_protected(measure):
            result[measure] = t
            continue
        result[measure] = MeasureTable(
            noisy(t.cells, measure, lambda i, j: (cities[i], months[j])),
            noisy(t.city_years, measure, lambda i, y: (cities[i], years[y])),
            noisy(t.nation_months, measure, lambda j: (NATION, months[j])),
            noisy(t.nation_years, measure, lambda y: (NATION, years[y])))
    return Protected(cities=cities, months=months, years=years, tables=result)
