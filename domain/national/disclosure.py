"""Disclosure control for a national release: primary and secondary suppression and the interval audit.

What a release publishes, per measure: every city × month cell, the city's yearly totals, the national
monthly totals and the national yearly totals (no yearly totals for non-additive measures: a year's
distinct people is not the sum of its months). Event counts go out exact. Person counts are protected:

1. **Primary suppression**: every person count with 0 < n < k (cells and totals alike).
2. **Secondary suppression** (a hypercube-style greedy): a hidden cell must be able to move by at least
   the protection level ``p`` while every published number — this release's totals *and every earlier
   release's cells and totals* — stays true. For each primary cell we look for a rectangle (two rows ×
   two columns of the table with its margins) of hidden entries that lets it move; if there is none, we
   hide the cheapest corners that make one (partners with at least ``p``, already hidden ones first).
3. **Interval audit**: for every primary cell, the feasible interval given everything published so far.
   A rectangle that satisfies every equation is a *certificate* (the interval is at least that wide);
   otherwise the exact interval comes from two linear programs (min and max, HiGHS through
   ``scipy.optimize.linprog``) over the hidden entries of its connected component, subject to every
   published number and non-negativity. A cell whose interval is narrower than ``p`` gets more
   suppression; if none helps the release is refused.

Earlier releases enter as equations over the same cells — but only those that still hold for the
current data: a figure revised since then makes the old equation false, and an attacker who uses it
learns something wrong, not the truth. A cell an earlier release already published exactly (e.g. with
a smaller k) is public knowledge: it is still hidden now, but not counted as a failure.

Pure computation: no database. ``domain.national.releases`` feeds it and stores the result.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field

import numpy as np
from scipy.optimize import linprog

from domain.national.measures import NON_ADDITIVE, is_protected

NATION = "00000000-0000-0000-0000-000000000000"  # the national totals' "city"
TOTAL = "T"  # the margin column of a block (a city's yearly total)

Key = tuple[str, str, str]  # (measure, city id, period: "2019-11" or "2019")
_PARTNERS = 40  # a column's largest hidden partners tried for a certificate


class ReleaseRefused(Exception):
    """The audit could not protect every suppressed cell; nothing is released."""

    def __init__(self, message: str, cells: list[Key]) -> None:
        super().__init__(message)
        self.cells = cells


@dataclass
class AuditLine:
    key: Key
    lower: float  # the feasible interval (or, for a certificate, a guaranteed part of it)
    upper: float
    how: str  # certificate | lp | public_earlier
    ok: bool


class Grid:
    """The data at a watermark: ``values[city, month, measure]`` (-1 where a city did not share it)."""

    def __init__(self, cities: list[str], months: list[str], measures: list[str], values: np.ndarray) -> None:
        self.cities, self.months, self.measures, self.values = cities, months, measures, values
        self.ci = {c: i for i, c in enumerate(cities)}
        self.ti = {t: j for j, t in enumerate(months)}
        self.mi = {m: q for q, m in enumerate(measures)}

    @classmethod
    def from_nested(cls, truth: Mapping[str, Mapping[str, Mapping[str, int]]], measures: list[str]) -> Grid:
        cities = sorted(truth)
        months = sorted({t for c in truth.values() for t in c})
        values = np.full((len(cities), len(months), len(measures)), -1, dtype=np.int64)
        ti = {t: j for j, t in enumerate(months)}
        for i, c in enumerate(cities):
            for t, row in truth[c].items():
                for q, m in enumerate(measures):
                    if m in row:
                        values[i, ti[t], q] = row[m]
        return cls(cities, months, measures, values)

    def get(self, city: str, month: str, measure: str) -> int | None:
        i, j, q = self.ci.get(city), self.ti.get(month), self.mi.get(measure)
        if i is None or j is None or q is None:
            return None
        v = int(self.values[i, j, q])
        return None if v < 0 else v


@dataclass
class MeasureTable:
    """One measure of a release: cells [city, month], city-years [city, year], nation-months, nation-years
    (-1: not shared / not published)."""

    cells: np.ndarray
    city_years: np.ndarray | None
    nation_months: np.ndarray
    nation_years: np.ndarray | None


@dataclass
class Protected:
    cities: list[str]
    months: list[str]
    years: list[str]
    tables: dict[str, MeasureTable]
    suppressed: set[Key] = field(default_factory=set)
    audit: list[AuditLine] = field(default_factory=list)
    primary: int = 0
    secondary: int = 0
    lp_solves: int = 0

    def value(self, key: Key) -> int | None:
        return None if key in self.suppressed else self._raw(key)

    def _raw(self, key: Key) -> int | None:
        measure, city, period = key
        table = self.tables[measure]
        if city == NATION:
            arr, idx = (table.nation_months, self.months.index(period)) if len(period) == 7 else (
                table.nation_years, self.years.index(period))
            v = int(arr[idx])
        else:
            i = self.cities.index(city)
            v = int(table.cells[i, self.months.index(period)]) if len(period) == 7 else int(
                table.city_years[i, self.years.index(period)])
        return None if v < 0 else v

    @property
    def published(self) -> dict[Key, int | None]:
        """Every published number (None = suppressed), keyed (measure, city, period)."""
        out: dict[Key, int | None] = {}
        for measure, t in self.tables.items():
            for i, c in enumerate(self.cities):
                for j, month in enumerate(self.months):
                    if t.cells[i, j] >= 0:
                        out[(measure, c, month)] = int(t.cells[i, j])
                if t.city_years is not None:
                    for y, year in enumerate(self.years):
                        if t.city_years[i, y] >= 0:
                            out[(measure, c, year)] = int(t.city_years[i, y])
            for j, month in enumerate(self.months):
                if t.nation_months[j] >= 0:
                    out[(measure, NATION, month)] = int(t.nation_months[j])
            if t.nation_years is not None:
                for y, year in enumerate(self.years):
                    if t.nation_years[y] >= 0:
                        out[(measure, NATION, year)] = int(t.nation_years[y])
        for key in self.suppressed:
            if key in out:
                out[key] = None
        return out


def year_of(month: str) -> str:
    return month[:4]


# --- the structure of one block ------------------------------------------------------------------------


@dataclass
class _Block:
    """One independent table: (measure, year) for additive measures, (measure, month) otherwise."""

    measure: str
    keys: list[Key] = field(default_factory=list)
    index: dict[Key, int] = field(default_factory=dict)
    value: list[int] = field(default_factory=list)
    row: list[str] = field(default_factory=list)
    col: list[str] = field(default_factory=list)
    in_release: list[bool] = field(default_factory=list)
    by_row: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    by_col: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    at: dict[tuple[str, str], int] = field(default_factory=dict)
    # equations: (entries, coefficients, right-hand side)
    equations: list[tuple[list[int], list[float], float]] = field(default_factory=list)
    # The table's own equations (rows, columns, grand total) come first, over the entries that come
    # first; what follows (earlier releases' equations, their entries) can have any shape.
    own_entries: int = 0
    own_equations: int = 0

    def add(self, key: Key, value: int, row: str, col: str, in_release: bool) -> int:
        i = self.index.get(key)
        if i is not None:
            self.in_release[i] = self.in_release[i] or in_release
            return i
        i = len(self.keys)
        self.index[key] = i
        self.keys.append(key)
        self.value.append(value)
        self.row.append(row)
        self.col.append(col)
        self.in_release.append(in_release)
        self.by_row[row].append(i)
        self.by_col[col].append(i)
        self.at[(row, col)] = i
        return i


def _block_id(key: Key) -> tuple[str, str]:
    measure, _, period = key
    return (measure, year_of(period)) if measure not in NON_ADDITIVE else (measure, period)


def _earlier_equations(earlier: Iterable[Mapping[Key, int | None]], grid: Grid) -> list[tuple[list[Key], int, Key]]:
    """Every person number an earlier release published, as (cells summed, value, its key)."""
    out = []
    protected = {m for m in grid.measures if is_protected(m)}
    for published in earlier:
        by_month: dict[tuple[str, str], list[Key]] = defaultdict(list)  # (measure, month) -> city cells
        by_year: dict[tuple[str, str], list[Key]] = defaultdict(list)
        by_city_year: dict[tuple[str, str, str], list[Key]] = defaultdict(list)
        totals: list[tuple[Key, int]] = []
        for key, value in published.items():
            measure, city, period = key
            if measure not in protected:
                continue
            if city != NATION and len(period) == 7:
                year = period[:4]
                by_month[(measure, period)].append(key)
                by_year[(measure, year)].append(key)
                by_city_year[(measure, year, city)].append(key)
                if value is not None:
                    out.append(([key], value, key))
            elif value is not None:
                totals.append((key, value))
        for key, value in totals:
            measure, city, period = key
            if len(period) == 7:
                cells = by_month.get((measure, period), [])
            else:
                cells = by_city_year.get((measure, period, city), []) if city != NATION else by_year.get((measure, period), [])
            if cells:
                out.append((cells, value, key))
    return out


def _still_true(grid: Grid, cells: list[Key], value: int) -> bool:
    """Whether an earlier release's number still describes the data (a revision makes it false)."""
    q = grid.mi[cells[0][0]]
    if len(cells) == 1:
        return grid.get(cells[0][1], cells[0][2], cells[0][0]) == value
    idx = [(grid.ci.get(c), grid.ti.get(t)) for _, c, t in cells]
    if any(i is None or j is None for i, j in idx):
        return False
    values = grid.values[[i for i, _ in idx], [j for _, j in idx], q]
    return bool((values >= 0).all()) and int(values.sum()) == value


# --- certificates and linear programs ----------------------------------------------------------------


class _System:
    """A block's equations over its hidden entries (published entries are constants)."""

    def __init__(self, block: _Block, hidden: set[int]):
        self.block = block
        self.hidden = hidden
        self._certified: dict[tuple, tuple[float, float] | None] = {}
        self._coefs: dict[int, dict[int, float]] = {}
        self.by_entry: dict[int, list[int]] = defaultdict(list)
        for q, (entries, _, _) in enumerate(block.equations):
            for e in entries:
                self.by_entry[e].append(q)

    def direction(self, support: list[int], target: int) -> list[tuple[dict[int, float], float]]:
        """Null-space directions on ``support`` (all hidden) that move ``target``."""
        eqs = sorted({q for e in support for q in self.by_entry[e]})
        pos = {e: j for j, e in enumerate(support)}
        a = np.zeros((max(len(eqs), 1), len(support)))
        for r, q in enumerate(eqs):
            coef = self._coef(q)
            for e, j in pos.items():
                a[r, j] = coef.get(e, 0.0)
        _, s, vt = np.linalg.svd(a)
        rank = int((s > 1e-9).sum())
        out = []
        for v in vt[rank:]:
            if abs(v[pos[target]]) > 1e-9:
                d = v / v[pos[target]]
                out.append(({e: float(d[j]) for e, j in pos.items() if abs(d[j]) > 1e-12}, 1.0))
        return out

    def _coef(self, q: int) -> dict[int, float]:
        """Equation ``q`` as entry -> coefficient (a national total's equation has thousands of entries)."""
        coef = self._coefs.get(q)
        if coef is None:
            coef = defaultdict(float)
            entries, coefs, _ = self.block.equations[q]
            for e, c in zip(entries, coefs, strict=True):
                coef[e] += c
            self._coefs[q] = coef = dict(coef)
        return coef

    def certified(self, target: int, support: list[int]) -> tuple[float, float, dict[int, float]] | None:
        """(how far down, how far up, the direction) ``target`` can move along a direction on ``support``."""
        key = (target, tuple(support))
        if key in self._certified:  # directions depend on the equations only, never on what is hidden
            return self._certified[key]
        self._certified[key] = out = self._certify(target, support)
        return out

    def _certify(self, target: int, support: list[int]) -> tuple[float, float, dict[int, float]] | None:
        values = self.block.value
        d = self._rectangle(target, support)
        directions = [d] if d is not None else [d for d, _ in self.direction(support, target)]
        best = None
        for d in directions:
            up = min((values[e] / -c for e, c in d.items() if c < 0), default=float("inf"))
            down = min((values[e] / c for e, c in d.items() if c > 0), default=float("inf"))
            if best is None or up + down > best[0] + best[1]:
                best = (down, up, d)
        return best

    def _rectangle(self, target: int, support: list[int]) -> dict[int, float] | None:
        """The pair's or rectangle's obvious direction (±1 on each entry), if it keeps every equation.

        Within a row, two interior cells move in opposite directions and a cell and its margin together;
        the same within a column. Checked against every equation that touches the support (earlier
        releases' equations may not be of that shape): None sends the caller to the general null space."""
        b = self.block
        r0, c0 = b.row[target], b.col[target]

        def sign(a: str, z: str, margin: str) -> float:
            return 1.0 if a == z or (a == margin) != (z == margin) else -1.0

        d = {e: sign(r0, b.row[e], "N") * sign(c0, b.col[e], TOTAL) for e in support}
        if len(d) != len(support):
            return None
        # The table's own equations hold for a rectangle by construction (each of its rows and columns
        # has one entry that goes up and one that goes down, or an entry and its margin that go up
        # together); a pair's, and any other equation, are checked.
        rectangle = len(support) == 4 and len({b.row[e] for e in support}) == 2 == len({b.col[e] for e in support})
        own = b.own_equations if rectangle and all(e < b.own_entries for e in support) else 0
        for q in {q for e in support for q in self.by_entry[e] if q >= own}:
            coef = self._coef(q)
            if abs(sum(coef.get(e, 0.0) * v for e, v in d.items())) > 1e-9:
                return None
        return d

    def candidates(self, target: int) -> Iterator[list[int]]:
        """Pairs and rectangles of hidden entries through ``target`` (the certificates we try), the most
        promising first: partners by value, largest first (a direction's reach is its smallest entry that
        goes down), walked diagonally so that consecutive rectangles share no partner and their reaches
        add up. Only the largest partners of a column are tried: a certificate is a shortcut, and an
        entry without one gets the exact interval from the linear program."""
        b = self.block
        hidden, values = self.hidden, b.value
        same_row = sorted((e for e in b.by_row[b.row[target]] if e != target and e in hidden), key=lambda e: -values[e])
        same_col = sorted((e for e in b.by_col[b.col[target]] if e != target and e in hidden),
                          key=lambda e: -values[e])[:_PARTNERS]
        # In a table with yearly totals a pair never balances both its row and its column: rectangles only.
        if TOTAL not in b.by_col:
            for e in same_row + same_col:
                yield [target, e]
        n_row, n_col = len(same_row), len(same_col)
        for rank in range(n_row + n_col - 1):
            for i in range(max(0, rank - n_col + 1), min(rank + 1, n_row)):
                e1, e2 = same_row[i], same_col[rank - i]
                corner = b.at.get((b.row[e2], b.col[e1]))
                if corner is not None and corner in hidden:
                    yield [target, e1, e2, corner]

    def interval_lp(self, target: int, need: float = float("inf")) -> tuple[float, float, int]:
        """The feasible interval of ``target`` (HiGHS), over its connected component of hidden entries.

        The component's system is built once and reused for every target in it (until more is hidden).
        With ``need``: when the maximum alone already shows a width of ``need`` (the minimum is never
        above the true value), the second program is skipped and the lower end reported as the value."""
        component, a_eq, b_eq, pos = self._lp_system(target)
        cost = np.zeros(len(component))
        cost[pos[target]] = 1.0
        hi = linprog(-cost, A_eq=a_eq, b_eq=b_eq, bounds=(0, None), method="highs")
        upper = -hi.fun if hi.status == 0 else float("inf")  # status 3: unbounded above
        value = self.block.value[target]
        if upper - value >= need:
            return float(value), upper, 1
        lo = linprog(cost, A_eq=a_eq, b_eq=b_eq, bounds=(0, None), method="highs")
        lower = lo.fun if lo.status == 0 else 0.0
        return lower, upper, 2

    def _lp_system(self, target: int):
        key = (target, len(self.hidden))
        cached = self._cache.get(target) if hasattr(self, "_cache") else None
        if cached is not None and cached[0] == len(self.hidden):
            return cached[1]
        b = self.block
        component = self._component(target)
        pos = {e: j for j, e in enumerate(component)}
        equations = sorted({q for e in component for q in self.by_entry[e]})
        a_eq = np.zeros((len(equations), len(component)))
        b_eq = np.zeros(len(equations))
        for r, q in enumerate(equations):
            entries, coefs, const = b.equations[q]
            rhs = const
            for e, c in zip(entries, coefs, strict=True):
                j = pos.get(e)
                if j is not None:
                    a_eq[r, j] += c
                else:
                    rhs -= c * b.value[e]  # published: a constant
            b_eq[r] = rhs
        system = (component, a_eq, b_eq, pos)
        if not hasattr(self, "_cache"):
            self._cache = {}
        for e in component:  # every member of the component shares it
            self._cache[e] = (len(self.hidden), system)
        del key
        return system

    def _component(self, start: int) -> list[int]:
        seen, stack = {start}, [start]
        while stack:
            e = stack.pop()
            for q in self.by_entry[e]:
                for f in self.block.equations[q][0]:
                    if f in self.hidden and f not in seen:
                        seen.add(f)
                        stack.append(f)
        return sorted(seen)


# --- the whole release -------------------------------------------------------------------------------


def exact_tables(grid: Grid, cities: list[str], months: list[str], measures: list[str]
                 ) -> tuple[list[str], list[str], list[str], dict[str, MeasureTable]]:
    """The release's exact tables: (cities, months, years, measure -> table) of what the grid holds."""
    cities = [c for c in cities if c in grid.ci]
    months = [t for t in months if t in grid.ti]
    years = sorted({year_of(t) for t in months})
    rows_idx = np.array([grid.ci[c] for c in cities], dtype=np.int64)
    cols_idx = np.array([grid.ti[t] for t in months], dtype=np.int64)
    year_cols = [np.array([j for j, t in enumerate(months) if year_of(t) == y], dtype=np.int64) for y in years]
    tables: dict[str, MeasureTable] = {}
    for measure in measures:
        q = grid.mi[measure]
        x = grid.values[rows_idx[:, None], cols_idx[None, :], q] if len(cities) and len(months) else np.full(
            (len(cities), len(months)), -1, dtype=np.int64)
        present = x >= 0
        xz = np.where(present, x, 0)
        nation_months = np.where(present.any(axis=0), xz.sum(axis=0), -1)
        city_years = nation_years = None
        if measure not in NON_ADDITIVE:
            city_years = np.full((len(cities), len(years)), -1, dtype=np.int64)
            nation_years = np.full(len(years), -1, dtype=np.int64)
            for y, cols in enumerate(year_cols):
                has = present[:, cols].any(axis=1)
                city_years[:, y] = np.where(has, xz[:, cols].sum(axis=1), -1)
                if has.any():
                    nation_years[y] = xz[:, cols].sum()
        tables[measure] = MeasureTable(x, city_years, nation_months, nation_years)
    return cities, months, years, tables


def protect(
    truth: Grid | Mapping[str, Mapping[str, Mapping[str, int]]],
    *,
    cities: list[str],
    months: list[str],
    measures: list[str],
    k: int = 5,
    protection: int | None = None,
    earlier: Iterable[Mapping[Key, int | None]] = (),
) -> Protected:
    """Protect one release. ``truth`` holds the data at the watermark (every month known, not only the
    release's: a :class:`Grid`, or ``truth[city][month][measure]``); ``cities`` and ``months`` are what the
    release publishes."""
    p = protection if protection is not None else k
    grid = truth if isinstance(truth, Grid) else Grid.from_nested(truth, measures)
    cities, months, years, tables = exact_tables(grid, cities, months, measures)
    year_cols = [np.array([j for j, t in enumerate(months) if year_of(t) == y], dtype=np.int64) for y in years]
    month_set, city_set = set(months), set(cities)
    earlier = list(earlier)
    public_before: set[Key] = {key for e in earlier for key, v in e.items() if v is not None}
    # Suppression stays consistent over time: what an earlier release hid stays hidden, so a new release
    # never hands out the partner that protected an earlier hidden cell.
    hidden_before: set[Key] = {key for e in earlier for key, v in e.items() if v is None}
    blocks: dict[tuple[str, str], _Block] = {}

    for measure in measures:
        t = tables[measure]
        x, city_years, nation_months, nation_years = t.cells, t.city_years, t.nation_months, t.nation_years
        present = x >= 0
        xz = np.where(present, x, 0)
        additive = measure not in NON_ADDITIVE
        if not is_protected(measure):
            continue
        # A city whose cells in a block are all zero can neither need protection nor give any (a hidden
        # cell moves only against a partner that can go down): its zeros stay published constants and
        # the block is built without them. This keeps a block as small as the cities with people in it.
        if additive:
            for y, cols in enumerate(year_cols):
                live = np.nonzero((xz[:, cols] > 0).any(axis=1))[0]
                if len(live) == 0:
                    continue
                block = blocks.setdefault((measure, years[y]), _Block(measure))
                everything: list[int] = []
                column_cells: dict[int, list[int]] = defaultdict(list)
                for i in live:
                    c = cities[i]
                    r = block.add((measure, c, years[y]), int(city_years[i, y]), c, TOTAL, True)
                    cells = [block.add((measure, c, months[j]), int(x[i, j]), c, months[j], True) for j in cols if present[i, j]]
                    block.equations.append(([r, *cells], [1.0] + [-1.0] * len(cells), 0.0))
                    everything += cells
                    for j, e in zip([j for j in cols if present[i, j]], cells, strict=True):
                        column_cells[int(j)].append(e)
                for j, cells in column_cells.items():
                    n = block.add((measure, NATION, months[j]), int(nation_months[j]), "N", months[j], True)
                    block.equations.append(([n, *cells], [1.0] + [-1.0] * len(cells), 0.0))
                ny = block.add((measure, NATION, years[y]), int(nation_years[y]), "N", TOTAL, True)
                block.equations.append(([ny, *everything], [1.0] + [-1.0] * len(everything), 0.0))
        else:
            for j, month in enumerate(months):
                live = np.nonzero(xz[:, j] > 0)[0]
                if len(live) == 0:
                    continue
                block = blocks.setdefault((measure, month), _Block(measure))
                n = block.add((measure, NATION, month), int(nation_months[j]), "N", month, True)
                cells = [block.add((measure, cities[i], month), int(x[i, j]), cities[i], month, True) for i in live]
                block.equations.append(([n, *cells], [1.0] + [-1.0] * len(cells), 0.0))

    for block in blocks.values():
        block.own_entries, block.own_equations = len(block.keys), len(block.equations)
    seen: set[tuple] = set()
    for cells, value, _ in _earlier_equations(earlier, grid):
        signature = (tuple(cells), value)
        if signature in seen:  # the same number in several earlier releases
            continue
        seen.add(signature)
        measure = cells[0][0]
        existing = blocks.get(_block_id(cells[0]))
        # Only cells that may be hidden make an equation informative: a city's cells outside every block
        # (all zero in this release) and published now are constants.
        if not any((existing is not None and ck[1] in existing.by_row) or not (ck[1] in city_set and ck[2] in month_set)
                   for ck in cells):
            continue
        if not _still_true(grid, cells, value):  # revised since: the old equation no longer describes the data
            continue
        block = blocks.setdefault(_block_id(cells[0]), _Block(measure))
        entries = []
        for ck in cells:
            v = grid.get(ck[1], ck[2], measure)
            entries.append(block.add(ck, v or 0, ck[1], ck[2], ck[1] in city_set and ck[2] in month_set and v is not None))
        block.equations.append((entries, [1.0] * len(entries), float(value)))

    result = Protected(cities=cities, months=months, years=years, tables=tables)
    failed: list[Key] = []
    for block in blocks.values():
        failed += _protect_block(block, p, k, public_before, hidden_before, result)
    if failed:
        raise ReleaseRefused(f"{len(failed)} suppressed cells cannot be protected to ±{p}", failed)
    return result


def _protect_block(block: _Block, p: int, k: int, public_before: set[Key], hidden_before: set[Key],
                   result: Protected) -> list[Key]:
    values, keys = block.value, block.keys
    # Entries outside this release (earlier releases' cells) are unknowns unless published: hidden.
    hidden = {i for i in range(len(keys)) if not block.in_release[i]}
    again = {i for i in range(len(keys)) if block.in_release[i] and keys[i] in hidden_before and not 0 < values[i] < k}
    hidden |= again
    result.secondary += len(again)
    primary = [i for i in range(len(keys)) if block.in_release[i] and 0 < values[i] < k]
    hidden |= set(primary)
    result.primary += len(primary)
    system = _System(block, hidden)
    # entries an earlier release published exactly (an equation x = value of their own): still constants
    known = {e for entries, _, _ in block.equations if len(entries) == 1 for e in entries}
    todo = [i for i in primary if keys[i] not in public_before]
    for i in primary:
        if keys[i] in public_before:
            result.audit.append(AuditLine(keys[i], values[i], values[i], "public_earlier", True))

    certificates: dict[int, tuple[int, tuple[float, float] | None]] = {}

    def certificate(i: int) -> tuple[float, float] | None:
        # Hiding more only adds directions: a certificate is recomputed when the hidden set has grown.
        cached = certificates.get(i)
        if cached is not None and cached[0] == len(hidden):
            return cached[1]
        out = _certificate(i)
        certificates[i] = (len(hidden), out)
        return out

    def _certificate(i: int) -> tuple[float, float] | None:
        # The feasible set is convex: if one direction reaches v - a and another v + b, every value in
        # between is feasible too. So the furthest reach down and up combine, from different directions.
        # Directions whose supports meet only at the entry also add up: moving along each by its own
        # reach keeps every other entry within its own direction's bounds (the entry itself has no upper
        # bound, and never goes below zero since each reach down is at most its value).
        best_down = best_up = None
        used_down: set[int] = set()
        used_up: set[int] = set()
        sum_down = sum_up = 0.0
        for support in system.candidates(i):
            got = system.certified(i, support)
            if not got:
                continue
            down, up, d = got
            best_down = down if best_down is None else max(best_down, down)
            best_up = up if best_up is None else max(best_up, up)
            others = set(d) - {i}
            if up > 0 and not others & used_up:
                used_up |= others
                sum_up += up
            if down > 0 and not others & used_down:
                used_down |= others
                sum_down += down
            down, up = max(best_down, min(sum_down, values[i])), max(best_up, sum_up)
            if down + up >= p:
                return down, up
        if best_down is None:
            return None
        return max(best_down, min(sum_down, values[i])), max(best_up, sum_up)

    def hide_more(i: int, last: bool = False) -> bool:
        """Hide the cheapest rectangle (or pair) corners that let entry ``i`` move by ``p``."""
        in_row = [e for e in block.by_row[block.row[i]] if e != i and block.in_release[e] and e not in known]
        in_col = [e for e in block.by_col[block.col[i]] if e != i and block.in_release[e] and e not in known]
        at = block.at

        def rank(e: int) -> tuple:
            # already hidden first, then partners big enough to absorb p (smallest first), then the biggest
            return (e not in hidden, values[e] < p, values[e] if values[e] >= p else -values[e],
                    block.row[e] == "N" or block.col[e] == TOTAL)

        options: list[tuple[tuple, list[int]]] = []
        for e1 in sorted(in_row, key=rank)[:6]:
            for e2 in sorted(in_col, key=rank)[:6]:
                corner = at.get((block.row[e2], block.col[e1]))
                if corner is not None:
                    support = [i, e1, e2, corner]
                    new = [e for e in support if e not in hidden]
                    options.append(((len(new), sum(values[e] for e in new)), support))
        for e in sorted(in_row + in_col, key=rank)[:6]:
            support = [i, e]
            new = [x for x in support if x not in hidden]
            options.append(((len(new), values[e]), support))
        have = certificate(i) or (0.0, 0.0)
        for _, support in sorted(options, key=lambda o: o[0]):
            got = system.certified(i, support)  # a direction's validity does not depend on what is hidden
            if got and max(got[0], have[0]) + max(got[1], have[1]) >= p:
                added = [e for e in support if e not in hidden]
                if not added:
                    continue
                hidden.update(added)
                result.secondary += len(added)
                return True
        return last and last_resort(i)

    def last_resort(i: int) -> bool:
        """Hide the totals the entry adds up into: then it can grow without bound (every total with it),
        whatever the rest of the table. Costly — national totals go dark for that month or year — so only
        when no rectangle of partners is enough."""
        r, c = block.row[i], block.col[i]
        at = block.at

        def biggest(entries: list[int]) -> int | None:
            live = [e for e in entries if e != i and block.in_release[e] and e not in known]
            return max(live, key=lambda e: values[e]) if live else None

        if r != "N" and c != TOTAL:  # a cell: its city's year, the nation's month and year
            support = [at.get((r, TOTAL)), at.get(("N", c)), at.get(("N", TOTAL))]
        elif r != "N":  # a city's year: one of its months with it
            cell = biggest([e for e in block.by_row[r] if block.col[e] != TOTAL])
            support = [cell, at.get(("N", block.col[cell])) if cell is not None else None, at.get(("N", TOTAL))]
        elif c != TOTAL:  # the nation's month: one city's cell and that city's year
            cell = biggest([e for e in block.by_col[c] if block.row[e] != "N"])
            support = [cell, at.get((block.row[cell], TOTAL)) if cell is not None else None, at.get(("N", TOTAL))]
        else:  # the nation's year: one city's cell, its year and the nation's month
            cell = biggest([e for e in block.by_row.get("N", []) if False] or
                           [e for e in range(len(keys)) if block.row[e] != "N" and block.col[e] != TOTAL])
            support = [cell, at.get((block.row[cell], TOTAL)) if cell is not None else None,
                       at.get(("N", block.col[cell])) if cell is not None else None]
        added = [e for e in support if e is not None and e not in hidden and e not in known]
        if not added:
            return False
        hidden.update(added)
        result.secondary += len(added)
        return True

    for i in todo:
        cert = certificate(i)
        if cert is None or cert[0] + cert[1] < p:
            hide_more(i)
    failed: list[int] = []
    lines: dict[int, AuditLine] = {}
    check = todo
    for _ in range(6):  # audit, hide more where needed, audit the failures again
        failed = []
        for i in check:
            cert = certificate(i)
            if cert and cert[0] + cert[1] >= p:
                line = AuditLine(keys[i], max(0.0, values[i] - cert[0]), values[i] + cert[1], "certificate", True)
            else:
                lower, upper, solves = system.interval_lp(i, need=p)
                result.lp_solves += solves
                line = AuditLine(keys[i], lower, upper, "lp", upper - lower >= p - 1e-6)
            if not line.ok:
                failed.append(i)
            lines[i] = line
        if not failed:
            break
        if not any([hide_more(i, last=True) for i in failed]):
            break
        check = failed
    result.audit += lines.values()
    for i in hidden:
        if block.in_release[i]:
            result.suppressed.add(keys[i])
    return [keys[i] for i in failed]
