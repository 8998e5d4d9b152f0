"""Call-ins: the summoned meeting, its rehearsal, speakers, clients and their attendance."""

from __future__ import annotations

import enum
import uuid
from datetime import date, datetime

import strawberry
from strawberry import relay
from strawberry.types import Info

from api.graphql.permissions import Requires
from api.graphql.types.base import Loaded, gql_enum
from api.graphql.types.groups import GroupNode, group
from api.graphql.types.organisation import OrganisationNode
from api.graphql.types.people import PersonNode, person
from domain.callins.models import Attendance, CallInStatus, SpeakerCategory
from domain.callins.models import CallIn as CallInRow
from domain.identity.permissions import Category

CallInStatusEnum = gql_enum(CallInStatus, "planned → rehearsed → held, or cancelled.")
SpeakerCategoryEnum = gql_enum(SpeakerCategory)
AttendanceEnum = gql_enum(Attendance)


async def organisation(info: Info, organisation_id: uuid.UUID | None) -> OrganisationNode | None:
    if organisation_id is None:
        return None
    row = await info.context.loaders.organisation_by_id.load(organisation_id)
    return OrganisationNode.from_row(row) if row else None


@strawberry.type(description="A speaker at a call-in.")
class CallInSpeaker:
    name: str
    category: SpeakerCategoryEnum  # type: ignore[valid-type]
    organisation_id: strawberry.Private[uuid.UUID | None]

    @strawberry.field
    async def organisation(self, info: Info) -> OrganisationNode | None:
        return await organisation(info, self.organisation_id)


@strawberry.type(description="A client invited to carry the message back to their group.")
class CallInClient:
    id: strawberry.ID = strawberry.field(description="The invitation's raw id (for recordAttendance).")
    attendance: AttendanceEnum  # type: ignore[valid-type]
    follow_up: str | None
    person_id: strawberry.Private[uuid.UUID]
    group_id: strawberry.Private[uuid.UUID | None]
    referring_organisation_id: strawberry.Private[uuid.UUID | None]

    @strawberry.field(extensions=[Requires(Category.people)])
    async def person(self, info: Info) -> PersonNode | None:
        return await person(info, self.person_id)

    @strawberry.field(description="The group the client represents. Requires groups:read.", extensions=[Requires(Category.groups)])
    async def group(self, info: Info) -> GroupNode | None:
        return await group(info, self.group_id)

    @strawberry.field
    async def referring_organisation(self, info: Info) -> OrganisationNode | None:
        return await organisation(info, self.referring_organisation_id)


@strawberry.type(name="CallIn", description="A call-in. Requires callins:read.")
class CallInNode(Loaded, relay.Node):
    _model = CallInRow
    _category = Category.callins

    id: relay.NodeID[str]
    held_on: date = strawberry.field(description="The (planned) day of the call-in.")
    venue: str
    status: CallInStatusEnum  # type: ignore[valid-type]
    rehearsal_on: date | None = strawberry.field(description="The dress rehearsal.")
    pre_meeting_at: datetime | None
    pre_meeting_note: str | None
    message: str | None
    support_offer: str | None
    follow_up: str | None
    cancellation_reason: str | None = strawberry.field(description="Why it was called off (status cancelled).")
    created_at: datetime

    @strawberry.field
    async def speakers(self, info: Info) -> list[CallInSpeaker]:
        rows = await info.context.loaders.speakers_by_call_in.load(self.pk)
        return [CallInSpeaker(name=r.name, category=r.category, organisation_id=r.organisation_id) for r in rows]

    @strawberry.field(description="Invited clients with their attendance (person-level data).")
    async def clients(self, info: Info) -> list[CallInClient]:
        rows = await info.context.loaders.clients_by_call_in.load(self.pk)
        info.context.saw_people([r.person_id for r in rows])
        return [CallInClient(id=strawberry.ID(str(r.id)), attendance=r.attendance, follow_up=r.follow_up, person_id=r.person_id,
                             group_id=r.group_id, referring_organisation_id=r.referring_organisation_id) for r in rows]


@strawberry.input(description="Narrows `callIns`.")
class CallInFilter:
    status: CallInStatusEnum | None = None  # type: ignore[valid-type]
    held_from: date | None = None
    held_to: date | None = None


@strawberry.enum(description="Orderings of `callIns`.")
class CallInOrder(enum.Enum):
    HELD_ON_DESC = "held_on_desc"
    HELD_ON = "held_on"
