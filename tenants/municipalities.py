"""Sweden's 290 municipalities (kommunkod → name), shipped with the package (CC0 reference data)."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from importlib.resources import files


@dataclass(frozen=True)
class Municipality:
    code: str
    name: str
    county_code: str


@cache
def municipalities() -> dict[str, Municipality]:
    text = files("tenants").joinpath("data/municipalities.csv").read_text(encoding="utf-8")
    rows = csv.DictReader(text.splitlines())
    return {r["kommunkod"]: Municipality(r["kommunkod"], r["name"], r["county_code"]) for r in rows}


def lookup(code: str) -> Municipality | None:
    return municipalities().get(code)
