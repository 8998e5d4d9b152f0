"""Call-ins: plan, rehearse, hold or cancel; speakers, clients and attendance (callins:write)."""

from __future__ import annotations

from datetime import date, datetime

import strawberry
from strawberry.types import Info

from api.graphql.mutations.base import describe, gid, mutate, raw_id
from api.graphql.mutations.payloads import CallInPayload
from api.graphql.types.callins import AttendanceEnum, SpeakerCategoryEnum
from domain.callins import service as callins
from domain.callins.models import CallIn
from domain.identity.permissions import Category
from domain.rules import get

C = Category.callins


@strawberry.input
class PlanCallInInput:
    held_on: date
    venue: str
    pre_meeting_at: datetime | None = None
    pre_meeting_note: str | None = None
    message: str | None = None
    support_offer: str | None = None


@strawberry.input
class RecordCallInRehearsalInput:
    call_in_id: strawberry.ID
    rehearsal_on: date


@strawberry.input
class MarkCallInHeldInput:
    call_in_id: strawberry.ID
    follow_up: str | None = None


@strawberry.input
class CancelCallInInput:
    call_in_id: strawberry.ID
    reason: str = strawberry.field(description="Why it is called off (kept on the call-in; at most 1000 characters).")


@strawberry.input
class AddCallInSpeakerInput:
    call_in_id: strawberry.ID
    name: str
    category: SpeakerCategoryEnum  # type: ignore[valid-type]
    organisation_id: strawberry.ID | None = None
    person_id: strawberry.ID | None = None


@strawberry.input
class InviteCallInClientInput:
    call_in_id: strawberry.ID
    person_id: strawberry.ID
    group_id: strawberry.ID | None = None
    referring_organisation_id: strawberry.ID | None = None


@strawberry.input
class RecordAttendanceInput:
    client_id: strawberry.ID = strawberry.field(description="The invitation's id (`CallIn.clients.id`).")
    attendance: AttendanceEnum  # type: ignore[valid-type]
    follow_up: str | None = None


def _call_in(value: str) -> object:
    return gid(value, "CallIn", "call_in_id")


@strawberry.type
class CallInMutations:
    @strawberry.mutation(description=describe("Plan a call-in.", C))
    async def plan_call_in(self, info: Info, input: PlanCallInInput, idempotency_key: str | None = None) -> CallInPayload:
        return await mutate(info, CallInPayload, category=C, operation="planCallIn", input=input, key=idempotency_key,
                            run=lambda s, _: callins.plan(s, held_on=input.held_on, venue=input.venue,
                                                          pre_meeting_at=input.pre_meeting_at,
                                                          pre_meeting_note=input.pre_meeting_note, message=input.message,
                                                          support_offer=input.support_offer))

    @strawberry.mutation(description=describe("Record the dress rehearsal (planned → rehearsed).", C))
    async def record_call_in_rehearsal(self, info: Info, input: RecordCallInRehearsalInput,
                                       idempotency_key: str | None = None) -> CallInPayload:
        return await mutate(info, CallInPayload, category=C, operation="recordCallInRehearsal", input=input, key=idempotency_key,
                            run=lambda s, _: callins.record_rehearsal(s, call_in_id=_call_in(input.call_in_id),
                                                                      rehearsal_on=input.rehearsal_on))

    @strawberry.mutation(description=describe("Mark a rehearsed call-in held (not before its day).", C))
    async def mark_call_in_held(self, info: Info, input: MarkCallInHeldInput, idempotency_key: str | None = None) -> CallInPayload:
        return await mutate(info, CallInPayload, category=C, operation="markCallInHeld", input=input, key=idempotency_key,
                            run=lambda s, _: callins.mark_held(s, call_in_id=_call_in(input.call_in_id), follow_up=input.follow_up))

    @strawberry.mutation(description=describe("Cancel a call-in that was not held.", C))
    async def cancel_call_in(self, info: Info, input: CancelCallInInput, idempotency_key: str | None = None) -> CallInPayload:
        return await mutate(info, CallInPayload, category=C, operation="cancelCallIn", input=input, key=idempotency_key,
                            run=lambda s, _: callins.cancel(s, call_in_id=_call_in(input.call_in_id), reason=input.reason))

    @strawberry.mutation(description=describe("Add a speaker; answers with the call-in.", C))
    async def add_call_in_speaker(self, info: Info, input: AddCallInSpeakerInput,
                                  idempotency_key: str | None = None) -> CallInPayload:
        async def run(s, _):
            row = await callins.add_speaker(s, call_in_id=_call_in(input.call_in_id), name=input.name, category=input.category,
                                            organisation_id=gid(input.organisation_id, "Organisation", "organisation_id"),
                                            person_id=gid(input.person_id, "Person", "person_id"))
            return await get(s, CallIn, row.call_in_id, "call_in_id")

        return await mutate(info, CallInPayload, category=C, operation="addCallInSpeaker", input=input, key=idempotency_key, run=run)

    @strawberry.mutation(description=describe("Invite a client to represent a group; answers with the call-in.", C))
    async def invite_call_in_client(self, info: Info, input: InviteCallInClientInput,
                                    idempotency_key: str | None = None) -> CallInPayload:
        async def run(s, _):
            row = await callins.invite_client(
                s, call_in_id=_call_in(input.call_in_id), person_id=gid(input.person_id, "Person", "person_id"),
                group_id=gid(input.group_id, "Group", "group_id"),
                referring_organisation_id=gid(input.referring_organisation_id, "Organisation", "referring_organisation_id"))
            return await get(s, CallIn, row.call_in_id, "call_in_id")

        return await mutate(info, CallInPayload, category=C, operation="inviteCallInClient", input=input, key=idempotency_key,
                            run=run)

    @strawberry.mutation(description=describe("Record a client's attendance (only for a held call-in).", C))
    async def record_attendance(self, info: Info, input: RecordAttendanceInput,
                                idempotency_key: str | None = None) -> CallInPayload:
        async def run(s, _):
            row = await callins.record_attendance(s, client_id=raw_id(input.client_id, "client_id"),
                                                  attendance=input.attendance, follow_up=input.follow_up)
            return await get(s, CallIn, row.call_in_id, "call_in_id")

        return await mutate(info, CallInPayload, category=C, operation="recordAttendance", input=input, key=idempotency_key,
                            run=run)
