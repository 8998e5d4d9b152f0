"""Call-ins: planned → rehearsed → held (or cancelled before), speakers, clients and attendance.

Every call-in is preceded by a dress rehearsal, so one cannot be marked held without it; attendance
is recorded only for a call-in that was held.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.callins.models import Attendance, CallIn, CallInClient, CallInSpeaker, CallInStatus, SpeakerCategory
from domain.groups.models import Group
from domain.organisations.models import Organisation
from domain.people.models import Person
from domain.rules import get, get_optional, not_future, required_text, today
from tenants.context import require_tenant_id
from tenants.errors import Conflict, ErrorCollector, ValidationFailed

TRANSITIONS: dict[CallInStatus, frozenset[CallInStatus]] = {
    CallInStatus.planned: frozenset({CallInStatus.rehearsed, CallInStatus.cancelled}),
    CallInStatus.rehearsed: frozenset({CallInStatus.held, CallInStatus.cancelled}),
    CallInStatus.held: frozenset(),
    CallInStatus.cancelled: frozenset(),
}


async def plan(
    session: AsyncSession, *, held_on: date, venue: str, pre_meeting_at: datetime | None = None,
    pre_meeting_note: str | None = None, message: str | None = None, support_offer: str | None = None,
) -> CallIn:
    errors = ErrorCollector()
    venue = required_text(errors, "venue", venue)
    if pre_meeting_at is not None and pre_meeting_at.date() > held_on:
        errors.add("pre_meeting_at", "after_call_in", "the pre-meeting comes before or on the day of the call-in")
    errors.raise_if_any("Cannot plan call-in")
    call_in = CallIn(tenant_id=require_tenant_id(), held_on=held_on, venue=venue, status=CallInStatus.planned,
                     pre_meeting_at=pre_meeting_at, pre_meeting_note=pre_meeting_note, message=message,
                     support_offer=support_offer)
    session.add(call_in)
    await session.flush()
    return call_in


def _move(call_in: CallIn, to: CallInStatus) -> None:
    if to not in TRANSITIONS[call_in.status]:
        reason = {
            (CallInStatus.planned, CallInStatus.held): "a call-in is held only after its dress rehearsal",
        }.get((call_in.status, to), f"a {call_in.status.value} call-in cannot become {to.value}")
        raise Conflict.single("status", "illegal_transition", reason)


async def record_rehearsal(session: AsyncSession, *, call_in_id: uuid.UUID, rehearsal_on: date) -> CallIn:
    call_in = await get(session, CallIn, call_in_id, "call_in_id")
    errors = ErrorCollector()
    not_future(errors, "rehearsal_on", rehearsal_on)
    if rehearsal_on > call_in.held_on:
        errors.add("rehearsal_on", "after_call_in", "the dress rehearsal comes before the call-in")
    errors.raise_if_any("Cannot record rehearsal")
    _move(call_in, CallInStatus.rehearsed)
    call_in.status, call_in.rehearsal_on = CallInStatus.rehearsed, rehearsal_on
    await session.flush()
    return call_in


async def mark_held(session: AsyncSession, *, call_in_id: uuid.UUID, follow_up: str | None = None) -> CallIn:
    call_in = await get(session, CallIn, call_in_id, "call_in_id")
    if call_in.held_on > today():
        raise ValidationFailed.single("held_on", "in_future", "a call-in cannot be marked held before its day")
    _move(call_in, CallInStatus.held)
    call_in.status = CallInStatus.held
    if follow_up:
        call_in.follow_up = follow_up
    await session.flush()
    return call_in


async def cancel(session: AsyncSession, *, call_in_id: uuid.UUID, reason: str) -> CallIn:
    """Call off a planned or rehearsed call-in; the reason is kept for the team (and the evaluation)."""
    errors = ErrorCollector()
    reason = required_text(errors, "reason", reason, 1000)
    errors.raise_if_any("Cannot cancel call-in")
    call_in = await get(session, CallIn, call_in_id, "call_in_id")
    _move(call_in, CallInStatus.cancelled)
    call_in.status = CallInStatus.cancelled
    call_in.cancellation_reason = reason
    await session.flush()
    return call_in


async def add_speaker(
    session: AsyncSession, *, call_in_id: uuid.UUID, name: str, category: SpeakerCategory,
    organisation_id: uuid.UUID | None = None, person_id: uuid.UUID | None = None,
) -> CallInSpeaker:
    errors = ErrorCollector()
    name = required_text(errors, "name", name)
    errors.raise_if_any("Cannot add speaker")
    call_in = await get(session, CallIn, call_in_id, "call_in_id")
    if call_in.status is CallInStatus.cancelled:
        raise Conflict.single("call_in_id", "cancelled", "the call-in was cancelled")
    await get_optional(session, Organisation, organisation_id, "organisation_id")
    await get_optional(session, Person, person_id, "person_id")
    row = CallInSpeaker(tenant_id=require_tenant_id(), call_in_id=call_in_id, name=name, category=SpeakerCategory(category),
                        organisation_id=organisation_id, person_id=person_id)
    session.add(row)
    await session.flush()
    return row


async def invite_client(
    session: AsyncSession, *, call_in_id: uuid.UUID, person_id: uuid.UUID, group_id: uuid.UUID | None = None,
    referring_organisation_id: uuid.UUID | None = None,
) -> CallInClient:
    """Invite a client to represent a group; only before the call-in is held or cancelled."""
    call_in = await get(session, CallIn, call_in_id, "call_in_id")
    if call_in.status in (CallInStatus.held, CallInStatus.cancelled):
        raise Conflict.single("call_in_id", call_in.status.value, f"the call-in is already {call_in.status.value}")
    await get(session, Person, person_id, "person_id")
    await get_optional(session, Group, group_id, "group_id")
    await get_optional(session, Organisation, referring_organisation_id, "referring_organisation_id")
    if await session.scalar(select(CallInClient.id).where(CallInClient.call_in_id == call_in_id,
                                                          CallInClient.person_id == person_id)):
        raise Conflict.single("person_id", "already_invited", "the person is already invited to this call-in")
    row = CallInClient(tenant_id=require_tenant_id(), call_in_id=call_in_id, person_id=person_id, group_id=group_id,
                       referring_organisation_id=referring_organisation_id, attendance=Attendance.invited)
    session.add(row)
    await session.flush()
    return row


async def record_attendance(
    session: AsyncSession, *, client_id: uuid.UUID, attendance: Attendance, follow_up: str | None = None
) -> CallInClient:
    attendance = Attendance(attendance)
    if attendance is Attendance.invited:
        raise ValidationFailed.single("attendance", "not_an_outcome", "record attended, absent or excused")
    client = await get(session, CallInClient, client_id, "client_id")
    call_in = await get(session, CallIn, client.call_in_id, "call_in_id")
    if call_in.status is not CallInStatus.held:
        raise Conflict.single("attendance", "not_held",
                              f"attendance is recorded only for a held call-in (this one is {call_in.status.value})")
    client.attendance = attendance
    if follow_up:
        client.follow_up = follow_up
    await session.flush()
    return client
