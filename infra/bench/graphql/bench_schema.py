"""The ``bench`` schema: the domain's timeline and figures SQL as functions PostGraphile can expose.

Created by the owner in the benchmark's own database only. Every function is ``SECURITY INVOKER``
(the default, stated anyway) and ``STABLE``, so it runs as the caller (``gvi_app``) and the tables'
row-level security applies exactly as to the app. The bodies are the domain's own statements
(``domain.timeline.service._PERSON``, ``domain.figures.service._SQL``) with their bind parameters
replaced by the functions' arguments: nothing is rewritten by hand.
"""

from __future__ import annotations

import re

from domain.figures.service import _SQL as FIGURES_SQL
from domain.figures.service import MEASURES
from domain.timeline.service import _PERSON

# the benchmark's API client reads these (its scopes): its timeline has only their events
BENCH_CATEGORIES = ("incidents", "groups", "people")

SCHEMA = "bench"
_PARAM = re.compile(r"(?<![:\w]):(\w+)\b")


def _bind(sql: str, names: dict[str, str]) -> str:
    """Replace ``:name`` bind parameters (never ``::casts``) by SQL expressions."""

    def swap(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in names:
            raise KeyError(f"unmapped bind parameter :{name}")
        return names[name]

    return _PARAM.sub(swap, sql)


def statements(app_role: str) -> list[str]:
    timeline = "\nunion all\n".join(_bind(branch.sql, {"subject": "people_timeline.person.id"})
                                  for branch in _PERSON if branch.category.value in BENCH_CATEGORIES)
    step = "(case p_unit when 'month' then '1 month' when 'quarter' then '3 months' else '1 year' end)"
    figures = _bind(FIGURES_SQL, {"unit": "p_unit", "start": "p_start", "end": "p_end", "step": step})
    label = ("case p_unit when 'year' then to_char(f.period, 'YYYY') "
             "when 'quarter' then to_char(f.period, 'YYYY') || '-Q' || to_char(f.period, 'Q') "
             "else to_char(f.period, 'YYYY-MM') end")
    return [
        f"drop schema if exists {SCHEMA} cascade",
        f"create schema {SCHEMA}",
        f"create type {SCHEMA}.timeline_event as (at timestamptz, kind text, id uuid, ref_id uuid, title text)",
        # Person.displayName, as the API computes it
        f"""create function {SCHEMA}.people_display_name(person public.people) returns text
            language sql stable security invoker as $$ select person.given_name || ' ' || person.family_name $$""",
        # Person.timeline: every event, oldest first (PostGraphile pages it: first/after)
        f"""create function {SCHEMA}.people_timeline(person public.people) returns setof {SCHEMA}.timeline_event
            language sql stable security invoker as $$
            select at, kind, id, ref_id, coalesce(title, '') from ({timeline}) ev order by at, kind, id $$""",
        f"create type {SCHEMA}.city_figures_row as (period text, starts_on date, "
        + ", ".join(f"{m} int" for m in MEASURES) + ")",
        f"""create function {SCHEMA}.city_figures(p_unit text, p_start date, p_end date)
            returns setof {SCHEMA}.city_figures_row
            language sql stable security invoker as $$
            select {label}, f.period, {", ".join(f"f.{m}::int" for m in MEASURES)} from ({figures}) f order by f.period $$""",
        f'grant usage on schema {SCHEMA} to "{app_role}"',
        f'grant execute on all functions in schema {SCHEMA} to "{app_role}"',
    ]
