"""Timelines of a person or a group: every recorded event the viewer may read, in order, by keyset.

Each event kind belongs to a category of the permission matrix (``Source.category``): a viewer gets
only the kinds its role or scopes may read, and for own-organisation access only its organisation's
rows — the same decision as the direct fields.

One ``UNION ALL`` query over the event sources, ordered by ``(at, kind, id)``; the cursor is the
last event's key, so a page never skips or repeats events when new ones arrive. Days (memberships,
call-ins, notifications…) are placed at midnight Swedish time.
"""

from __future__ import annotations

import base64
import functools
import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import TextClause, text
from sqlalchemy.ext.asyncio import AsyncSession

from domain.access.viewer import Viewer
from domain.identity.permissions import Access, Category
from tenants import calendar
from tenants.errors import ValidationFailed

MAX_LIMIT = 200


def _day(col: str) -> str:
    return f"(({col})::timestamp at time zone 'Europe/Stockholm')"


@dataclass(frozen=True)
class Source:
    """One kind of event: its SQL (columns at, kind, id, ref_id, title), the matrix category a viewer
    must read to see it, and for own-organisation viewers the condition selecting their rows."""

    sql: str
    category: Category
    own_organisation: str | None = None  # SQL over the branch's columns, with :org; None: never own-org


C = Category
_OWN_CASE = "s.provider_organisation_id = :org"

_PERSON = [
    Source("""select i.occurred_at as at, 'incident' as kind, ip.id, i.id as ref_id,
           i.type || ' (' || ip.role || ')' as title
        from incident_people ip join incidents i on i.tenant_id = ip.tenant_id and i.id = ip.incident_id
        where ip.person_id = :subject""", C.incidents),
    Source(f"""select {_day('started_on')}, 'membership_started', id, group_id, position || ' (review by ' || review_date || ')'
        from group_memberships where person_id = :subject""", C.groups),
    Source(f"""select {_day('ended_on')}, 'membership_ended', id, group_id, position
        from group_memberships where person_id = :subject and ended_on is not null""", C.groups),
    # An at-risk designation is people data; a focus-list entry is police intelligence (enforcement).
    Source(f"""select {_day('started_on')}, 'designation_started', id, group_id, kind || ' (review by ' || review_date || ')'
        from designations where person_id = :subject and kind = 'at_risk'""", C.people, "true"),
    Source(f"""select {_day('ended_on')}, 'designation_ended', id, group_id, kind
        from designations where person_id = :subject and kind = 'at_risk' and ended_on is not null""", C.people, "true"),
    Source(f"""select {_day('started_on')}, 'focus_list_started', id, group_id, 'focus list (review by ' || review_date || ')'
        from designations where person_id = :subject and kind = 'focus_list'""", C.enforcement),
    Source(f"""select {_day('ended_on')}, 'focus_list_ended', id, group_id, 'focus list'
        from designations where person_id = :subject and kind = 'focus_list' and ended_on is not null""", C.enforcement),
    Source(f"""select {_day('c.held_on')}, 'call_in', k.id, c.id, c.venue || ': ' || k.attendance
        from call_in_clients k join call_ins c on c.tenant_id = k.tenant_id and c.id = k.call_in_id
        where k.person_id = :subject""", C.callins),
    Source(f"""select {_day('delivered_on')}, 'custom_notification', id, id, setting || ': ' || outcome
        from custom_notifications where person_id = :subject""", C.notifications),
    Source(f"""select {_day('a.taken_on')}, 'enforcement', ep.id, a.id, a.type::text
        from enforcement_people ep join enforcement_actions a on a.tenant_id = ep.tenant_id and a.id = ep.action_id
        where ep.person_id = :subject""", C.enforcement),
    Source(f"""select {_day('t.occurred_on')}, 'support_' || t.to_status, t.id, s.id, s.provider_type::text
        from support_transitions t join support_cases s on s.tenant_id = t.tenant_id and s.id = t.case_id
        where s.person_id = :subject""", C.support, _OWN_CASE),
    Source(f"""select {_day('n.recorded_on')}, 'consent_' || n.action, n.id, n.id, n.scope
        from consents n left join support_cases s on s.tenant_id = n.tenant_id and s.id = n.case_id
        where n.person_id = :subject""", C.support, _OWN_CASE),
    Source(f"""select {_day('occurred_on')}, 'outreach_' || kind, id, id, worker
        from outreach_activities where (person_id = :subject or other_person_id = :subject)""",
           C.outreach, "organisation_id = :org"),
    Source("""select created_at, 'task', id, id, title || ' (' || status || ')' from tasks where person_id = :subject""",
           C.tasks, "assignee_organisation_id = :org"),
]

_GROUP = [
    Source("""select i.occurred_at as at, 'incident' as kind, ig.id, i.id as ref_id, i.type || ' (' || ig.role || ')' as title
        from incident_groups ig join incidents i on i.tenant_id = ig.tenant_id and i.id = ig.incident_id
        where ig.group_id = :subject""", C.incidents),
    Source(f"""select {_day('started_on')}, 'membership_started', id, person_id, position::text
        from group_memberships where group_id = :subject""", C.groups),
    Source(f"""select {_day('ended_on')}, 'membership_ended', id, person_id, position::text
        from group_memberships where group_id = :subject and ended_on is not null""", C.groups),
    Source(f"""select {_day('assessed_on')}, 'risk_assessment', id, id, level || ' (' || confidence || ' confidence)'
        from group_risk_assessments where group_id = :subject""", C.groups),
    Source(f"""select {_day('started_on')}, 'relationship_started', id,
           case when group_a_id = :subject then group_b_id else group_a_id end, kind::text
        from group_relationships where group_a_id = :subject or group_b_id = :subject""", C.groups),
    Source(f"""select {_day('ended_on')}, 'relationship_ended', id,
           case when group_a_id = :subject then group_b_id else group_a_id end, kind::text
        from group_relationships where (group_a_id = :subject or group_b_id = :subject) and ended_on is not null""", C.groups),
    Source(f"""select {_day('c.held_on')}, 'call_in', k.id, c.id, c.venue || ': ' || k.attendance
        from call_in_clients k join call_ins c on c.tenant_id = k.tenant_id and c.id = k.call_in_id
        where k.group_id = :subject""", C.callins),
    Source(f"""select {_day('taken_on')}, 'enforcement', id, id, type::text from enforcement_actions where group_id = :subject""",
           C.enforcement),
    Source(f"""select {_day('started_on')}, 'focus_list_started', id, person_id, 'focus list'
        from designations where group_id = :subject and kind = 'focus_list'""", C.enforcement),
    Source(f"""select {_day('occurred_on')}, 'outreach_' || kind, id, id, worker
        from outreach_activities where (group_id = :subject or other_group_id = :subject)""",
           C.outreach, "organisation_id = :org"),
    Source("""select created_at, 'task', id, id, title || ' (' || status || ')' from tasks where group_id = :subject""",
           C.tasks, "assignee_organisation_id = :org"),
]

def _branches(sources: list[Source], viewer: Viewer) -> tuple[str, ...]:
    """The sources ``viewer`` may read, narrowed to its organisation where its access is own-organisation."""
    out = []
    for source in sources:
        level = viewer.access(source.category)
        if level is Access.all:
            out.append(source.sql)
        elif level is Access.own_org and source.own_organisation and viewer.organisation_id is not None:
            # every source ends in its WHERE clause: narrow it there
            out.append(source.sql if source.own_organisation == "true" else f"{source.sql} and ({source.own_organisation})")
    return tuple(out)


@dataclass(frozen=True)
class TimelineEvent:
    at: datetime
    kind: str
    id: uuid.UUID  # the event's own row (link, transition…): with at and kind, the keyset key
    ref_id: uuid.UUID | None  # the record it concerns (incident, group, case…)
    title: str


@dataclass(frozen=True)
class TimelinePage:
    events: list[TimelineEvent]
    next_cursor: str | None  # None on the last page


def encode_cursor(event: TimelineEvent) -> str:
    return base64.urlsafe_b64encode(f"{event.at.isoformat()}|{event.kind}|{event.id}".encode()).decode()


def decode_cursor(cursor: str) -> tuple[datetime, str, uuid.UUID]:
    try:
        at, kind, id_ = base64.urlsafe_b64decode(cursor.encode()).decode().split("|")
        moment = datetime.fromisoformat(at)
        calendar.check_value(moment, "after")  # a forged cursor must not reach the driver
        calendar.check_value(kind, "after")
        return moment, kind, uuid.UUID(id_)
    except (ValueError, UnicodeError, ValidationFailed) as exc:
        raise ValidationFailed.single("after", "invalid_cursor", "not a cursor from this timeline") from exc


@functools.lru_cache(maxsize=64)
def _statement(branches: tuple[str, ...], after: bool) -> TextClause:
    """The timeline query for a subject kind, built once (the text never depends on the values)."""
    where = "where (ev.at, ev.kind, ev.id) > (cast(:at as timestamptz), cast(:kind as text), cast(:id as uuid))" if after else ""
    union = "\nunion all\n".join(branches)
    # the columns are named here: the first branch (which would name them) may be one the viewer cannot read
    return text(f"select at, kind, id, ref_id, title from ({union}) as ev(at, kind, id, ref_id, title) {where} "
                "order by at, kind, id limit :limit")


def person_events(viewer: Viewer, *, after: bool) -> TextClause | None:
    """The person timeline's statement for ``viewer`` (binds :subject, :limit, :org when own-organisation,
    :at/:kind/:id when ``after``), or None when the viewer may read none of its sources."""
    branches = _branches(_PERSON, viewer)
    return _statement(branches, after) if branches else None


async def _page(session: AsyncSession, sources: list[Source], viewer: Viewer, subject: uuid.UUID, limit: int,
                after: str | None) -> TimelinePage:
    if not 1 <= limit <= MAX_LIMIT:
        raise ValidationFailed.single("limit", "out_of_range", f"must be between 1 and {MAX_LIMIT}")
    params: dict = {"subject": subject, "limit": limit + 1}
    if after:
        params["at"], params["kind"], params["id"] = decode_cursor(after)
    branches = _branches(sources, viewer)
    if not branches:  # nothing of this subject the viewer may read
        return TimelinePage([], None)
    if any(":org" in b for b in branches):
        params["org"] = viewer.organisation_id
    rows = (await session.execute(_statement(branches, bool(after)), params)).all()
    events = [TimelineEvent(r.at, r.kind, r.id, r.ref_id, r.title or "") for r in rows[:limit]]
    return TimelinePage(events, encode_cursor(events[-1]) if len(rows) > limit else None)


async def person_timeline(session: AsyncSession, *, viewer: Viewer, person_id: uuid.UUID, limit: int = 50,
                          after: str | None = None) -> TimelinePage:
    """The person's events that ``viewer`` may read (the caller has already decided it may see the person)."""
    return await _page(session, _PERSON, viewer, person_id, limit, after)


async def group_timeline(session: AsyncSession, *, viewer: Viewer, group_id: uuid.UUID, limit: int = 50,
                         after: str | None = None) -> TimelinePage:
    """The group's events that ``viewer`` may read."""
    return await _page(session, _GROUP, viewer, group_id, limit, after)
