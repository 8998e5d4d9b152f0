"""City figures per month, quarter or year, computed in one SQL statement.

Periods are calendar periods in Swedish time (Europe/Stockholm): an incident at 23:30 UTC on
31 December belongs to the next year. Every period between ``start`` and ``end`` appears, with
zeros where nothing happened. Definitions (as the police count them, see the README):

- ``shootings_with_injury`` / ``shootings_without_injury``: confirmed shootings where someone was
  / nobody was killed or injured; ``killed`` and ``injured``: people in confirmed shootings;
- ``explosions``: every reported explosion (completed, attempted, prepared);
- ``call_ins_held``, ``clients_attending``; ``custom_notifications``: delivered ones;
- ``enforcement_<type>``: enforcement actions by type;
- ``support_offered`` … ``support_completed``: support cases reaching that status in the period;
- ``people_reached``: distinct people who attended a call-in, received a custom notification,
  had an outreach contact or mediation, or accepted support in the period;
- ``people_on_focus_list``: distinct people whose focus-list designation was current at some time in
  the period (from its start until it ended or lapsed at its review date).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from sqlalchemy import BigInteger, Date, column, text
from sqlalchemy.ext.asyncio import AsyncSession

from domain.enforcement.models import EnforcementType
from domain.rules import today
from tenants.calendar import EARLIEST, LATEST, in_range
from tenants.errors import ErrorCollector, ValidationFailed

Period = Literal["month", "quarter", "year"]
_STEP = {"month": "1 month", "quarter": "3 months", "year": "1 year"}

ENFORCEMENT_MEASURES = tuple(f"enforcement_{t.value}" for t in EnforcementType)
MEASURES: tuple[str, ...] = (
    "shootings_with_injury", "shootings_without_injury", "killed", "injured", "explosions",
    "call_ins_held", "clients_attending", "custom_notifications", *ENFORCEMENT_MEASURES,
    "support_offered", "support_accepted", "support_started", "support_completed", "people_reached",
)
# A stock rather than a flow, computed from designations, which retention erases with their person: a
# long-past month's count can shrink after an erasure, so it is not among the city's kept figures. The
# national refresh asks for it (``with_stock=True``) and keeps every version it has shared.
STOCK_MEASURES: tuple[str, ...] = ("people_on_focus_list",)
ALL_MEASURES: tuple[str, ...] = MEASURES + STOCK_MEASURES


@dataclass(frozen=True)
class FiguresRow:
    period: date  # first day of the period
    label: str  # 2019 / 2019-Q4 / 2019-11
    values: dict[str, int]


def period_label(start: date, unit: Period) -> str:
    if unit == "year":
        return f"{start.year}"
    if unit == "quarter":
        return f"{start.year}-Q{(start.month - 1) // 3 + 1}"
    return f"{start.year}-{start.month:02d}"


_LOCAL = "Europe/Stockholm"
_ENF_COLS = ",\n        ".join(f"count(*) filter (where type = '{t.value}') as enforcement_{t.value}" for t in EnforcementType)

_SQL = f"""
with periods as (
    select gs::date as period
    from generate_series(date_trunc(cast(:unit as text), cast(cast(:start as date) as timestamp)),
                         date_trunc(cast(:unit as text), cast(cast(:end as date) as timestamp)),
                         cast(cast(:step as text) as interval)) gs
),
inc as (
    select date_trunc(cast(:unit as text), occurred_at at time zone '{_LOCAL}')::date as period,
        count(*) filter (where type = 'shooting' and confirmed and killed + injured > 0) as shootings_with_injury,
        count(*) filter (where type = 'shooting' and confirmed and killed + injured = 0) as shootings_without_injury,
        coalesce(sum(killed) filter (where type = 'shooting' and confirmed), 0) as killed,
        coalesce(sum(injured) filter (where type = 'shooting' and confirmed), 0) as injured,
        count(*) filter (where type in ('explosion_completed', 'explosion_attempted', 'explosion_prepared')) as explosions
    from incidents
    where occurred_at >= cast(cast(:start as date) as timestamp) at time zone '{_LOCAL}'
      and occurred_at < (cast(cast(:end as date) as timestamp) + interval '1 day') at time zone '{_LOCAL}'
    group by 1
),
ci as (
    select date_trunc(cast(:unit as text), c.held_on::timestamp)::date as period, count(*) as call_ins_held,
        coalesce(sum((select count(*) from call_in_clients k
                      where k.tenant_id = c.tenant_id and k.call_in_id = c.id and k.attendance = 'attended')), 0)
            as clients_attending
    from call_ins c
    where c.status = 'held' and c.held_on between cast(:start as date) and cast(:end as date)
    group by 1
),
cn as (
    select date_trunc(cast(:unit as text), delivered_on::timestamp)::date as period, count(*) as custom_notifications
    from custom_notifications
    where outcome = 'delivered' and delivered_on between cast(:start as date) and cast(:end as date)
    group by 1
),
en as (
    select date_trunc(cast(:unit as text), taken_on::timestamp)::date as period,
        {_ENF_COLS}
    from enforcement_actions
    where taken_on between cast(:start as date) and cast(:end as date)
    group by 1
),
su as (
    select date_trunc(cast(:unit as text), occurred_on::timestamp)::date as period,
        count(*) filter (where to_status = 'offered') as support_offered,
        count(*) filter (where to_status = 'accepted') as support_accepted,
        count(*) filter (where to_status = 'started') as support_started,
        count(*) filter (where to_status = 'completed') as support_completed
    from support_transitions
    where occurred_on between cast(:start as date) and cast(:end as date)
    group by 1
),
reached as (
    select date_trunc(cast(:unit as text), day::timestamp)::date as period, count(distinct person_id) as people_reached
    from (
        select c.held_on as day, k.person_id from call_in_clients k
            join call_ins c on c.tenant_id = k.tenant_id and c.id = k.call_in_id
            where k.attendance = 'attended' and c.status = 'held'
        union all
        select delivered_on, person_id from custom_notifications where outcome = 'delivered'
        union all
        select occurred_on, person_id from outreach_activities where person_id is not null and kind <> 'hours'
        union all
        select occurred_on, other_person_id from outreach_activities where other_person_id is not null
        union all
        select t.occurred_on, s.person_id from support_transitions t
            join support_cases s on s.tenant_id = t.tenant_id and s.id = t.case_id
            where t.to_status = 'accepted'
    ) contacts
    where day between cast(:start as date) and cast(:end as date)
    group by 1
),
focus as (
    select p.period, count(distinct d.person_id) as people_on_focus_list
    from periods p join designations d
      on d.kind = 'focus_list' and d.started_on < p.period + cast(cast(:step as text) as interval)
     and least(coalesce(d.ended_on, d.review_date), d.review_date) >= p.period
    group by 1
)
select p.period, {", ".join(f"coalesce({m}, 0) as {m}" for m in ALL_MEASURES)}
from periods p
left join inc using (period) left join ci using (period) left join cn using (period)
left join en using (period) left join su using (period) left join reached using (period)
left join focus using (period)
order by p.period
"""

_STATEMENT = text(_SQL)  # built once: constructing the clause of this long statement costs on every call
# The same statement as rows of a larger one (binds :unit, :step, :start, :end; columns period and every measure).
ROWS = _STATEMENT.columns(column("period", Date), *(column(m, BigInteger) for m in ALL_MEASURES))


def step(period: Period) -> str:
    return _STEP[period]

_BOUNDS = text(f"""
select least(
    (select min((occurred_at at time zone '{_LOCAL}')::date) from incidents),
    (select min(held_on) from call_ins),
    (select min(delivered_on) from custom_notifications),
    (select min(taken_on) from enforcement_actions),
    (select min(occurred_on) from support_transitions))
""")


async def first_record_day(session: AsyncSession) -> date | None:
    """The current tenant's earliest recorded day (incident, call-in, notification, enforcement, support)."""
    return await session.scalar(_BOUNDS)


MAX_PERIODS = 360  # 30 years of months: one answer stays one small, fast statement


def check_range(period: Period, start: date, end: date) -> None:
    """Bounded: a series over an unbounded range is what once kept a statement running forever."""
    errors = ErrorCollector()
    latest = today() + timedelta(days=366)
    for field, value in (("from", start), ("to", end)):
        if not in_range(value):
            errors.add(field, "out_of_range", f"must be between {EARLIEST.isoformat()} and {LATEST.isoformat()}")
        elif value > latest:
            errors.add(field, "too_late", f"must be at most a year ahead (on or before {latest.isoformat()})")
    errors.raise_if_any()
    if end < start:
        raise ValidationFailed.single("to", "before_from", "must not be before the start")
    months = (end.year - start.year) * 12 + end.month - start.month
    count = {"month": months, "quarter": (end.month - 1) // 3 - (start.month - 1) // 3 + (end.year - start.year) * 4,
             "year": end.year - start.year}[period] + 1
    if count > MAX_PERIODS:
        raise ValidationFailed.single(
            "from", "too_many_periods",
            f"the range spans {count} {period}s; ask for at most {MAX_PERIODS} (a later `from` or a longer period)")


async def city_figures(
    session: AsyncSession, *, period: Period, start: date | None = None, end: date | None = None, with_stock: bool = False,
) -> list[FiguresRow]:
    """The current tenant's figures, one row per period from ``start`` to ``end`` (inclusive days)."""
    if period not in _STEP:
        raise ValidationFailed.single("period", "unknown", "must be month, quarter or year")
    end = end or today()
    if start is None:
        start = await session.scalar(_BOUNDS) or end
    check_range(period, start, end)
    result = await session.execute(_STATEMENT, {"unit": period, "step": _STEP[period], "start": start, "end": end})
    measures = ALL_MEASURES if with_stock else MEASURES
    return [FiguresRow(period=r.period, label=period_label(r.period, period), values={m: int(getattr(r, m)) for m in measures})
            for r in result]
