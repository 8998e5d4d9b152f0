"""People in the data lifecycle: encrypted fields, subject access, and erasure after the last event.

Erasure keeps the ``people`` row as an anonymous key: call-in attendance, notifications, outreach
and support rows point at it and the city's figures count them (``people_reached`` counts distinct
people), so deleting it would change published figures. Everything that identifies the person —
names, identity number, address, phone, notes, supervision — and every link that says something
about them (memberships, designations, close persons, incident and enforcement involvement,
consents, free text on the counted rows) is removed.
"""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, time

from sqlalchemy import delete, or_, select, text, update
from sqlalchemy.ext.asyncio import AsyncSession

from domain.callins.models import CallInClient, CallInSpeaker
from domain.enforcement.models import EnforcementPerson
from domain.groups.models import Group
from domain.identity.permissions import Category
from domain.incidents.models import IncidentPerson
from domain.lifecycle.collect import row
from domain.lifecycle.registry import Candidate, Eraser, register_collector, register_eraser
from domain.notifications.models import CustomNotification
from domain.outreach.models import OutreachActivity
from domain.people.models import ClosePerson, Designation, GroupMembership, Person, SupervisionStatus
from domain.people.service import IDENTITY_PURPOSE, reveal
from domain.support.models import Consent, SupportCase, SupportTransition
from domain.tasks.models import Task
from tenants.context import require_tenant_id
from tenants.crypto import registry as crypto_registry

ENCRYPTED = ("identity_number", "address", "phone")
for _field in ENCRYPTED:
    crypto_registry.register("people", f"{_field}_ciphertext")  # AAD: people / <column> / people.id
crypto_registry.register_blind_index("people", "identity_number_hmac", purpose=IDENTITY_PURPOSE,
                                     source_column="identity_number_ciphertext")

ERASED_NAME = "(erased)"


# --- subject access ---------------------------------------------------------------------------------


async def collect_person(session: AsyncSession, person_id: uuid.UUID) -> list[dict]:
    person = await session.get(Person, (require_tenant_id(), person_id))
    if person is None:
        return []
    # the export is for the data subject: their identifiers in clear, never the blind index
    clear = {field: await reveal(session, person=person, field=field) for field in ENCRYPTED}
    return [row(person, leave_out={f"{f}_ciphertext" for f in ENCRYPTED} | {"identity_number_hmac"}, **clear)]


async def collect_memberships(session: AsyncSession, person_id: uuid.UUID) -> list[dict]:
    stmt = (select(GroupMembership, Group.name).join(Group, Group.id == GroupMembership.group_id)
            .where(GroupMembership.person_id == person_id).order_by(GroupMembership.started_on))
    return [row(m, group_name=name) for m, name in (await session.execute(stmt)).all()]


async def collect_designations(session: AsyncSession, person_id: uuid.UUID) -> list[dict]:
    stmt = (select(Designation, Group.name).outerjoin(Group, Group.id == Designation.group_id)
            .where(Designation.person_id == person_id).order_by(Designation.started_on))
    return [row(d, group_name=name) for d, name in (await session.execute(stmt)).all()]


async def collect_close_persons(session: AsyncSession, person_id: uuid.UUID) -> list[dict]:
    # the relation only: the other person's own data is not part of this person's export
    stmt = select(ClosePerson).where(or_(ClosePerson.person_id == person_id, ClosePerson.close_person_id == person_id))
    return [{"relation": c.relation, "recorded_as": "their close person" if c.person_id == person_id
             else "close person of someone registered", "created_at": c.created_at}
            for c in await session.scalars(stmt.order_by(ClosePerson.created_at, ClosePerson.id))]


register_collector("person", collect_person)
register_collector("group_memberships", collect_memberships)
register_collector("designations", collect_designations)
register_collector("close_persons", collect_close_persons)


# --- retention --------------------------------------------------------------------------------------

# Every dated thing that happened to or about a person; review dates count while a designation runs.
_LAST_EVENTS = text("""
with ev(person_id, day) as (
    select person_id, greatest(started_on, coalesce(ended_on, review_date), assessed_on) from group_memberships
    union all select person_id, greatest(started_on, coalesce(ended_on, review_date), assessed_on) from designations
    union all select ip.person_id, (i.occurred_at at time zone 'Europe/Stockholm')::date from incident_people ip
        join incidents i on i.tenant_id = ip.tenant_id and i.id = ip.incident_id
    union all select k.person_id, c.held_on from call_in_clients k
        join call_ins c on c.tenant_id = k.tenant_id and c.id = k.call_in_id
    union all select s.person_id, c.held_on from call_in_speakers s
        join call_ins c on c.tenant_id = s.tenant_id and c.id = s.call_in_id where s.person_id is not null
    union all select person_id, greatest(delivered_on, follow_up_on) from custom_notifications
    union all select ep.person_id, a.taken_on from enforcement_people ep
        join enforcement_actions a on a.tenant_id = ep.tenant_id and a.id = ep.action_id
    union all select person_id, status_on from support_cases
    union all select person_id, recorded_on from consents
    union all select person_id, occurred_on from outreach_activities where person_id is not null
    union all select other_person_id, occurred_on from outreach_activities where other_person_id is not null
    union all select person_id, greatest(due_on, (completed_at at time zone 'Europe/Stockholm')::date)
        from tasks where person_id is not null
    union all select person_id, greatest(received_on, closed_on) from data_subject_requests where person_id is not null
    union all select id, supervision_until from people where supervision_until is not null
),
own as (select person_id, max(day) as last from ev group by person_id),
last_event as (
    -- a close person is kept as long as the person they are close to
    select p.id, coalesce(greatest(o.last, (
            select max(o2.last) from close_persons cp
            join own o2 on o2.person_id = case when cp.person_id = p.id then cp.close_person_id else cp.person_id end
            where cp.person_id = p.id or cp.close_person_id = p.id)),
        (p.created_at at time zone 'Europe/Stockholm')::date) as last
    from people p left join own o on o.person_id = p.id
    where p.erased_at is null
)
select id, last from last_event where last < :cutoff order by id
""")


def _at(day: date) -> datetime:
    return datetime.combine(day, time(), UTC)


async def people_due(session: AsyncSession, cutoff: datetime) -> list[Candidate]:
    rows = await session.execute(_LAST_EVENTS, {"cutoff": cutoff.date()})
    return [Candidate("person", r.id, _at(r.last)) for r in rows]


async def erase_person(session: AsyncSession, candidate: Candidate) -> dict:
    pid = candidate.object_id
    person = await session.get(Person, (require_tenant_id(), pid), with_for_update=True)
    if person is None or person.erased_at is not None:
        return {}  # already gone: a repeated run changes nothing
    removed: dict[str, int] = {}

    async def count(name: str, stmt) -> None:
        n = (await session.execute(stmt.execution_options(synchronize_session=False))).rowcount
        if n:
            removed[name] = n

    # links that say something about the person and that no figure counts: deleted
    await count("group_memberships", delete(GroupMembership).where(GroupMembership.person_id == pid))
    await count("designations", delete(Designation).where(Designation.person_id == pid))
    await count("close_persons", delete(ClosePerson).where(
        or_(ClosePerson.person_id == pid, ClosePerson.close_person_id == pid)))
    await count("incident_people", delete(IncidentPerson).where(IncidentPerson.person_id == pid))
    await count("enforcement_people", delete(EnforcementPerson).where(EnforcementPerson.person_id == pid))
    await count("consents", delete(Consent).where(Consent.person_id == pid))
    # rows the figures count from: kept, their free text about the person cleared
    await count("call_in_clients_cleared", update(CallInClient).where(CallInClient.person_id == pid).values(follow_up=None))
    await count("call_in_speakers_unlinked", update(CallInSpeaker).where(CallInSpeaker.person_id == pid)
                .values(person_id=None, name=ERASED_NAME))
    await count("custom_notifications_cleared", update(CustomNotification).where(CustomNotification.person_id == pid)
                .values(message=None, risk_assessment=None))
    cases = select(SupportCase.id).where(SupportCase.person_id == pid).scalar_subquery()
    await count("support_transitions_cleared", update(SupportTransition).where(SupportTransition.case_id.in_(cases))
                .values(reason=None))
    await count("support_cases_cleared", update(SupportCase).where(SupportCase.person_id == pid).values(note=None))
    await count("outreach_cleared", update(OutreachActivity).where(
        or_(OutreachActivity.person_id == pid, OutreachActivity.other_person_id == pid)).values(note=None))
    await count("tasks_unlinked", update(Task).where(Task.person_id == pid).values(person_id=None, note=None))

    person.given_name = person.family_name = ERASED_NAME
    person.nickname = person.birth_year = person.identity_kind = None
    person.identity_number_ciphertext = person.identity_number_hmac = None
    person.address_ciphertext = person.phone_ciphertext = None
    person.supervision_status, person.supervising_organisation_id, person.supervision_until = SupervisionStatus.none, None, None
    person.note, person.erased_at = None, datetime.now(UTC)
    await session.flush()
    removed["people_anonymised"] = 1
    return removed


async def memberships_due(session: AsyncSession, cutoff: datetime) -> list[Candidate]:
    # a period ended (or lapsed unconfirmed at its review date) before the cutoff
    end = GroupMembership.ended_on.is_not(None)
    last = select(GroupMembership.id, GroupMembership.ended_on, GroupMembership.review_date).where(
        or_(end & (GroupMembership.ended_on < cutoff.date()),
            GroupMembership.ended_on.is_(None) & (GroupMembership.review_date < cutoff.date())))
    return [Candidate("group_membership", r.id, _at(r.ended_on or r.review_date))
            for r in (await session.execute(last.order_by(GroupMembership.id))).all()]


async def erase_membership(session: AsyncSession, candidate: Candidate) -> dict:
    n = (await session.execute(delete(GroupMembership).where(GroupMembership.id == candidate.object_id))).rowcount
    return {"group_memberships": n} if n else {}


register_eraser(Eraser(Category.people, "people", candidates=people_due, erase=erase_person))
register_eraser(Eraser(Category.groups, "group_memberships", candidates=memberships_due, erase=erase_membership))
