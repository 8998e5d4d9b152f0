"""Synthetic city panels with a known programme effect (demo, benchmark, estimator tests).

Monthly confirmed shootings per city: Poisson with a rate that grows with population, a mild national
trend, a seasonal swing (more in summer), a city-level random factor, and — from the programme's start
for the cities that run one, at staggered dates — the true rate ratio. Repeatable for a given seed.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

import numpy as np

MUNICIPALITIES = Path(__file__).resolve().parents[2] / "tenants" / "data" / "municipalities.csv"


@dataclass
class Panel:
    names: list[str]
    kommunkod: list[str]
    population: np.ndarray  # inhabitants
    start: np.ndarray  # month index of the programme start; -1 = none
    counts: np.ndarray  # [city, month] confirmed shootings
    killed: np.ndarray
    injured: np.ndarray
    explosions: np.ndarray
    true_rate_ratio: float


def municipalities() -> list[tuple[str, str]]:
    with MUNICIPALITIES.open(encoding="utf-8") as f:
        return [(row["kommunkod"], row["name"]) for row in csv.DictReader(f)]


def panel(*, cities: int = 290, months: int = 120, rate_ratio: float = 0.7, treated_share: float = 0.25,
          seed: int = 11, first_start: int = 36, base_rate: float = 1.2) -> Panel:
    """``cities`` municipalities (from the shipped list, in order) over ``months`` months."""
    rng = np.random.default_rng(seed)
    names = municipalities()
    chosen = [names[i % len(names)] for i in range(cities)]
    # populations: log-normal around 30,000, the largest cities much bigger
    population = np.round(np.exp(rng.normal(np.log(30_000), 1.0, cities))).clip(2_500, 1_000_000)
    treated = rng.random(cities) < treated_share
    start = np.where(treated, rng.integers(first_start, max(first_start + 1, months - 12), cities), -1)
    t = np.arange(months)
    season = 1 + 0.25 * np.sin(2 * np.pi * (t - 3) / 12)
    trend = np.exp(-0.002 * t)
    city_factor = np.exp(rng.normal(0, 0.35, cities))
    lam = base_rate * (population[:, None] / 100_000) * city_factor[:, None] * season[None, :] * trend[None, :]
    effect = np.where((start[:, None] >= 0) & (t[None, :] >= start[:, None]), rate_ratio, 1.0)
    counts = rng.poisson(lam * effect)
    injured = rng.binomial(counts, 0.35)
    killed = rng.binomial(counts, 0.12)
    explosions = rng.poisson(lam * 0.8)
    return Panel([n for _, n in chosen], [k for k, _ in chosen], population, start, counts, killed, injured, explosions,
                 rate_ratio)
