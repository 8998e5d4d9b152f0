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
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import numpy as np
from scipy.optimize import linprog

from domain.national.measures import NON_ADDITIVE, is_protected

NATION = "00000000-0000-0000-0000-000000000000"  # the national totals' "city"
TOTAL = "T"  # the margin column of a block (a city's yearly total)

Key = tuple[str, str, str]  # (measure, city id, period: "2019-11" or "2019")


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


@dataclass
class Protected:
    published: dict[Key, int | None]  # None = suppressed
    audit: list[AuditLine] = field(default_factory=list)
    primary: int = 0
    secondary: int = 0
    lp_solves: int = 0


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


def _margins(measure: str, cities: list[str], months: list[str], truth) -> dict[Key, tuple[int, list[Key]]]:
    """This release's totals of one measure: key -> (value, the cells it sums)."""
    out: dict[Key, tuple[int, list[Key]]] = {}
    additive = measure not in NON_ADDITIVE
    for t in months:
        cells = [(measure, c, t) for c in cities if measure in truth.get(c, {}).get(t, {})]
        if cells:
            out[(measure, NATION, t)] = (sum(truth[c][t][measure] for _, c, _ in cells), cells)
    if additive:
        for y in sorted({year_of(t) for t in months}):
            ym = [t for t in months if year_of(t) == y]
            everything: list[Key] = []
            for c in cities:
                cells = [(measure, c, t) for t in ym if measure in truth.get(c, {}).get(t, {})]
                if cells:
                    out[(measure, c, y)] = (sum(truth[c][t][measure] for _, _, t in cells), cells)
                    everything += cells
            if everything:
                out[(measure, NATION, y)] = (sum(truth[c][t][measure] for _, c, t in everything), everything)
    return out


def _block_id(key: Key) -> tuple[str, str]:
    measure, _, period = key
    return (measure, year_of(period)) if measure not in NON_ADDITIVE else (measure, period)


def _earlier_equations(earlier: Iterable[Mapping[Key, int | None]], truth) -> list[tuple[list[Key], int, Key]]:
    """Every number an earlier release published, as (cells summed, value, its key), if still true."""
    out = []
    for published in earlier:
        present: dict[tuple[str, str], list[Key]] = defaultdict(list)  # (measure, month) -> city cells
        for key in published:
            measure, city, period = key
            if city != NATION and len(period) == 7:
                present[(measure, period)].append(key)
        for key, value in published.items():
            if value is None or not is_protected(key[0]):
                continue
            measure, city, period = key
            if len(period) == 7 and city != NATION:
                cells = [key]
            elif len(period) == 7:
                cells = present.get((measure, period), [])
            elif city != NATION:
                cells = [k for (m, t), ks in present.items() if m == measure and year_of(t) == period for k in ks
                         if k[1] == city]
            else:
                cells = [k for (m, t), ks in present.items() if m == measure and year_of(t) == period for k in ks]
            if not cells:
                continue
            actual = sum(truth.get(c, {}).get(t, {}).get(m, 0) for m, c, t in cells)
            if actual == value:  # revised since: the old equation no longer describes the data
                out.append((cells, value, key))
    return out


# --- certificates and linear programs ----------------------------------------------------------------


class _System:
    """A block's equations over its hidden entries (published entries are constants)."""

    def __init__(self, block: _Block, hidden: set[int]):
        self.block = block
        self.hidden = hidden
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
            entries, coefs, _ = self.block.equations[q]
            for e, c in zip(entries, coefs, strict=True):
                if e in pos:
                    a[r, pos[e]] += c
        _, s, vt = np.linalg.svd(a)
        rank = int((s > 1e-9).sum())
        out = []
        for v in vt[rank:]:
            if abs(v[pos[target]]) > 1e-9:
                d = v / v[pos[target]]
                out.append(({e: float(d[j]) for e, j in pos.items() if abs(d[j]) > 1e-12}, 1.0))
        return out

    def certified(self, target: int, support: list[int]) -> tuple[float, float] | None:
        """(how far down, how far up) ``target`` can move along a direction on ``support``."""
        best = None
        values = self.block.value
        for d, _ in self.direction(support, target):
            up = min((values[e] / -c for e, c in d.items() if c < 0), default=float("inf"))
            down = min((values[e] / c for e, c in d.items() if c > 0), default=float("inf"))
            if best is None or up + down > best[0] + best[1]:
                best = (down, up)
        return best

    def candidates(self, target: int) -> list[list[int]]:
        """Pairs and rectangles of hidden entries through ``target`` (the certificates we try)."""
        b = self.block
        hidden = self.hidden
        same_row = [e for e in b.by_row[b.row[target]] if e != target and e in hidden]
        same_col = [e for e in b.by_col[b.col[target]] if e != target and e in hidden]
        out = [[target, e] for e in same_row + same_col]
        for e1 in same_row:
            for e2 in same_col:
                corner = b.at.get((b.row[e2], b.col[e1]))
                if corner is not None and corner in hidden:
                    out.append([target, e1, e2, corner])
        return out

    def interval_lp(self, target: int) -> tuple[float, float, int]:
        """The exact feasible interval of ``target`` (HiGHS), over its connected component."""
        b = self.block
        component = self._component(target)
        pos = {e: j for j, e in enumerate(component)}
        rows, rhs = [], []
        for q in sorted({q for e in component for q in self.by_entry[e]}):
            entries, coefs, const = b.equations[q]
            row = np.zeros(len(component))
            r = const
            for e, c in zip(entries, coefs, strict=True):
                if e in pos:
                    row[pos[e]] += c
                else:
                    r -= c * b.value[e]  # published: a constant
            rows.append(row)
            rhs.append(r)
        a_eq, b_eq = np.array(rows), np.array(rhs)
        cost = np.zeros(len(component))
        cost[pos[target]] = 1.0
        lo = linprog(cost, A_eq=a_eq, b_eq=b_eq, bounds=(0, None), method="highs")
        hi = linprog(-cost, A_eq=a_eq, b_eq=b_eq, bounds=(0, None), method="highs")
        lower = lo.fun if lo.status == 0 else 0.0
        upper = -hi.fun if hi.status == 0 else float("inf")  # status 3: unbounded above
        return lower, upper, 2

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


def protect(
    truth: Mapping[str, Mapping[str, Mapping[str, int]]],
    *,
    cities: list[str],
    months: list[str],
    measures: list[str],
    k: int = 5,
    protection: int | None = None,
    earlier: Iterable[Mapping[Key, int | None]] = (),
) -> Protected:
    """Protect one release. ``truth[city][month][measure]`` holds the data at the watermark (every month
    known, not only the release's); ``cities`` and ``months`` are what the release publishes."""
    p = protection if protection is not None else k
    published: dict[Key, int | None] = {}
    blocks: dict[tuple[str, str], _Block] = {}
    month_set = set(months)
    earlier = list(earlier)
    public_before: set[Key] = {key for e in earlier for key, v in e.items() if v is not None}

    for measure in measures:
        for c in cities:
            for t in months:
                v = truth.get(c, {}).get(t, {}).get(measure)
                if v is not None:
                    published[(measure, c, t)] = v
        margins = _margins(measure, cities, months, truth)
        for key, (v, _) in margins.items():
            published[key] = v
        if not is_protected(measure):
            continue
        for key, (v, cells) in margins.items():
            block = blocks.setdefault(_block_id(key), _Block(measure))
            _, city, period = key
            row = "N" if city == NATION else city
            col = TOTAL if len(period) == 4 else period
            m = block.add(key, v, row, col, True)
            entries = [m] + [block.add(ck, truth[ck[1]][ck[2]][measure], ck[1], ck[2], ck[2] in month_set) for ck in cells]
            block.equations.append((entries, [1.0] + [-1.0] * len(cells), 0.0))

    for cells, value, _ in _earlier_equations(earlier, truth):
        measure = cells[0][0]
        block = blocks.get(_block_id(cells[0]))
        if block is None:
            block = blocks.setdefault(_block_id(cells[0]), _Block(measure))
        entries = [block.add(ck, truth.get(ck[1], {}).get(ck[2], {}).get(measure, 0), ck[1], ck[2], False) for ck in cells]
        block.equations.append((entries, [1.0] * len(entries), float(value)))

    result = Protected(published=published)
    failed: list[Key] = []
    for block in blocks.values():
        failed += _protect_block(block, p, k, public_before, result)
    if failed:
        raise ReleaseRefused(f"{len(failed)} suppressed cells cannot be protected to ±{p}", failed)
    return result


def _protect_block(block: _Block, p: int, k: int, public_before: set[Key], result: Protected) -> list[Key]:
    values, keys = block.value, block.keys
    # Entries outside this release (earlier releases' cells) are unknowns unless published: hidden.
    hidden = {i for i in range(len(keys)) if not block.in_release[i]}
    primary = [i for i in range(len(keys)) if block.in_release[i] and 0 < values[i] < k]
    hidden |= set(primary)
    result.primary += len(primary)
    system = _System(block, hidden)
    todo = [i for i in primary if keys[i] not in public_before]
    for i in primary:
        if keys[i] in public_before:
            result.audit.append(AuditLine(keys[i], values[i], values[i], "public_earlier", True))

    def certificate(i: int) -> tuple[float, float] | None:
        best = None
        for support in system.candidates(i):
            got = system.certified(i, support)
            if got and (best is None or got[0] + got[1] > best[0] + best[1]):
                best = got
                if got[0] + got[1] >= p:
                    break
        return best

    def hide_more(i: int) -> bool:
        """Hide the cheapest rectangle (or pair) corners that let entry ``i`` move by ``p``."""
        in_row = [e for e in block.by_row[block.row[i]] if e != i and block.in_release[e]]
        in_col = [e for e in block.by_col[block.col[i]] if e != i and block.in_release[e]]
        at = block.at

        def rank(e: int) -> tuple:
            # already hidden first, then partners big enough to absorb p (smallest first), then the biggest
            return (e not in hidden, values[e] < p, values[e] if values[e] >= p else -values[e],
                    block.row[e] == "N" or block.col[e] == TOTAL)

        options: list[tuple[tuple, list[int]]] = []
        for e1 in sorted(in_row, key=rank)[:4]:
            for e2 in sorted(in_col, key=rank)[:4]:
                corner = at.get((block.row[e2], block.col[e1]))
                if corner is not None:
                    support = [i, e1, e2, corner]
                    new = [e for e in support if e not in hidden]
                    options.append(((len(new), sum(values[e] for e in new)), support))
        for e in sorted(in_row + in_col, key=rank)[:6]:
            support = [i, e]
            new = [x for x in support if x not in hidden]
            options.append(((len(new), values[e]), support))
        for _, support in sorted(options, key=lambda o: o[0]):
            trial = _System(block, hidden | set(support))
            got = trial.certified(i, support)
            if got and got[0] + got[1] >= p:
                added = [e for e in support if e not in hidden]
                if not added:
                    continue
                hidden.update(added)
                result.secondary += len(added)
                system.hidden = hidden
                return True
        return False

    for i in todo:
        cert = certificate(i)
        if cert is None or cert[0] + cert[1] < p:
            hide_more(i)
    failed: list[int] = []
    lines: dict[int, AuditLine] = {}
    check = todo
    for _ in range(4):  # audit, hide more where needed, audit the failures again
        failed = []
        for i in check:
            cert = certificate(i)
            if cert and cert[0] + cert[1] >= p:
                line = AuditLine(keys[i], max(0.0, values[i] - cert[0]), values[i] + cert[1], "certificate", True)
            else:
                lower, upper, solves = system.interval_lp(i)
                result.lp_solves += solves
                line = AuditLine(keys[i], lower, upper, "lp", upper - lower >= p - 1e-6)
            if not line.ok:
                failed.append(i)
            lines[i] = line
        if not failed:
            break
        if not any([hide_more(i) for i in failed]):
            break
        check = failed
    result.audit += lines.values()
    for i in hidden:
        if block.in_release[i]:
            result.published[keys[i]] = None
    return [keys[i] for i in failed]
