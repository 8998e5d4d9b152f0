"""People, their group memberships, designations (at risk, focus list), supervision and close persons.

Person-level data: every operation that returns it leaves one audit entry (a read when one person
is opened, a search otherwise). The identity number is never part of a list: the separate
``identityNumber`` field decrypts it and is recorded as a sensitive read. Callers limited to their
own organisation (outreach workers) see only people assigned to it.
"""

from __future__ import annotations

import enum
import uuid
from datetime import date, datetime
from typing import TYPE_CHECKING, Annotated, Any

import strawberry
from strawberry import relay
from strawberry.types import Info

from api.graphql.limits import check_page_size
from api.graphql.permissions import Requires
from api.graphql.types.base import Loaded, gql_enum
from api.graphql.types.groups import ConfidenceEnum, GroupNode, group
from api.graphql.types.organisation import OrganisationNode
from api.graphql.types.timeline import EMPTY, TimelineConnection, to_connection
from domain.identity.permissions import Category
from domain.people import service as people
from domain.people.models import (
    CloseRelation,
    DesignationKind,
    IdentityKind,
    MembershipPosition,
    Person,
    SupervisionStatus,
)
from domain.people.models import Designation as DesignationRow
from domain.people.models import GroupMembership as GroupMembershipRow
from domain.people.models import Person as PersonRow
from domain.timeline import service as timelines

if TYPE_CHECKING:
    from api.graphql.types.support import SupportCaseNode

IdentityKindEnum = gql_enum(IdentityKind)
SupervisionStatusEnum = gql_enum(SupervisionStatus)
MembershipPositionEnum = gql_enum(MembershipPosition)
DesignationKindEnum = gql_enum(DesignationKind, "at_risk (of being shot or of serious violence) or focus_list.")
CloseRelationEnum = gql_enum(CloseRelation)

CURRENT = "Started, not ended and re-confirmed by its review date (computed today: designations are never permanent)."


@strawberry.type(
    name="Person",
    description="A person known to the programme. Requires people:read; own-organisation roles (outreach) see "
                "only people assigned to their organisation (others are null, like missing ones).",
)
class PersonNode(Loaded, relay.Node):
    _model = PersonRow
    _category = Category.people
    _person = "pk"
    _computed = ("display_name",)
    _private = ("supervising_organisation_id",)

    id: relay.NodeID[str]
    given_name: str
    family_name: str
    display_name: str = strawberry.field(description="Given name and family name.")
    nickname: str | None
    birth_year: int | None
    identity_kind: IdentityKindEnum | None  # type: ignore[valid-type]
    supervision_status: SupervisionStatusEnum  # type: ignore[valid-type]
    supervision_until: date | None
    note: str | None
    created_at: datetime
    supervising_organisation_id: strawberry.Private[uuid.UUID | None]

    @classmethod
    def extra(cls, row: Person) -> dict[str, Any]:
        return {"display_name": f"{row.given_name} {row.family_name}"}

    @strawberry.field(description="The personal identity or co-ordination number, decrypted. A sensitive read: "
                                  "recorded in the audit log with the field name.", extensions=[Requires(Category.people)])
    async def identity_number(self, info: Info) -> str | None:
        context = info.context
        row = await context.loaders.person_by_id.load(self.pk)
        if row is None or row.identity_number_ciphertext is None:
            return None
        async with context.db() as session:
            value = await people.reveal(session, person=row, field="identity_number")
        context.saw_people([self.pk], opened=True, sensitive="identity_number")
        return value

    @strawberry.field(description="The supervising agency (probation, parole, youth care).")
    async def supervising_organisation(self, info: Info) -> OrganisationNode | None:
        if self.supervising_organisation_id is None:
            return None
        row = await info.context.loaders.organisation_by_id.load(self.supervising_organisation_id)
        return OrganisationNode.from_row(row) if row else None

    @strawberry.field(description="Group memberships, oldest first. Police intelligence: requires groups:read.",
                      extensions=[Requires(Category.groups)])
    async def memberships(self, info: Info, current_only: bool = False) -> list[MembershipNode]:
        rows = await info.context.loaders.memberships_by_person.load(self.pk)
        return MembershipNode.from_rows([r for r in rows if people.is_current(r)] if current_only else rows)

    @strawberry.field(description="At-risk and focus-list designations, oldest first. Focus-list entries are police "
                                  "intelligence: only callers with enforcement:read get them.",
                      extensions=[Requires(Category.people)])
    async def designations(self, info: Info, current_only: bool = False) -> list[DesignationNode]:
        rows = await info.context.loaders.designations_by_person.load(self.pk)
        return DesignationNode.from_rows([r for r in rows if people.is_current(r)] if current_only else rows)

    @strawberry.field(description="Close persons (family, partner), people too: only those the caller may see.",
                      extensions=[Requires(Category.people)])
    async def close_persons(self, info: Info) -> list[ClosePersonLink]:
        links = await info.context.loaders.close_persons_by_person.load(self.pk)
        rows = await info.context.loaders.person_by_id.load_many([link.close_person_id for link in links])
        info.context.saw_people([r.id for r in rows if r is not None])
        return [ClosePersonLink(relation=link.relation, person=PersonNode.from_row(row))
                for link, row in zip(links, rows, strict=True) if row is not None]

    @strawberry.field(description="Support cases, oldest first. Requires support:read; own-organisation roles see "
                                  "only the cases their organisation provides.", extensions=[Requires(Category.support)])
    async def support_cases(
        self, info: Info
    ) -> list[Annotated[SupportCaseNode, strawberry.lazy("api.graphql.types.support")]]:
        from api.graphql.types.support import SupportCaseNode

        return SupportCaseNode.from_rows(await info.context.loaders.support_cases_by_person.load(self.pk))

    @strawberry.field(description="Everything recorded about the person that the caller may read, oldest first (at "
                                  "most 100 per page): each kind of event needs its category (incidents, groups, "
                                  "enforcement for focus-list entries, support…), own-organisation roles get their "
                                  "organisation's. Opening it is recorded as a read of the person.",
                      extensions=[Requires(Category.people)])
    async def timeline(self, info: Info, first: int = 50, after: str | None = None) -> TimelineConnection:
        first = check_page_size(first, info.schema.limits)
        info.context.saw_people([self.pk], opened=True)
        if first == 0:
            return EMPTY
        async with info.context.db() as session:
            page = await timelines.person_timeline(session, viewer=info.context.viewer, person_id=self.pk, limit=first,
                                                   after=after)
        return to_connection(page, after)


@strawberry.type(description="A close person and how they are related.")
class ClosePersonLink:
    relation: CloseRelationEnum  # type: ignore[valid-type]
    person: PersonNode


@strawberry.interface(description="Why a designation was made and until when it holds.")
class Basis:
    source: str
    assessed_by: str
    confidence: ConfidenceEnum  # type: ignore[valid-type]
    assessed_on: date
    review_date: date = strawberry.field(description="Lapses unless re-confirmed by this date.")
    note: str | None
    current: bool = strawberry.field(description=CURRENT)


class _Designated(Loaded):
    _category = Category.people
    _person = "person_id"
    _computed = ("current",)
    _private = ("person_id", "group_id")

    @classmethod
    def extra(cls, row: Any) -> dict[str, Any]:
        return {"current": people.is_current(row)}


@strawberry.type(name="Membership", description="One period of one person in one group, with its basis. "
                                                 "Police intelligence: requires groups:read.")
class MembershipNode(_Designated, Basis, relay.Node):
    _model = GroupMembershipRow
    _category = Category.groups

    id: relay.NodeID[str]
    position: MembershipPositionEnum  # type: ignore[valid-type]
    started_on: date
    ended_on: date | None
    person_id: strawberry.Private[uuid.UUID]
    group_id: strawberry.Private[uuid.UUID]

    @strawberry.field(extensions=[Requires(Category.people)])
    async def person(self, info: Info) -> PersonNode | None:
        return await person(info, self.person_id)

    @strawberry.field
    async def group(self, info: Info) -> GroupNode | None:
        return await group(info, self.group_id)


@strawberry.type(name="Designation", description="An at-risk or focus-list designation (a focus-list entry), dated, "
                                                  "with its basis; lapses at its review date.")
class DesignationNode(_Designated, Basis, relay.Node):
    _model = DesignationRow

    id: relay.NodeID[str]
    kind: DesignationKindEnum  # type: ignore[valid-type]
    started_on: date
    ended_on: date | None
    person_id: strawberry.Private[uuid.UUID]
    group_id: strawberry.Private[uuid.UUID | None]

    @strawberry.field(extensions=[Requires(Category.people)])
    async def person(self, info: Info) -> PersonNode | None:
        return await person(info, self.person_id)

    @strawberry.field(description="The group a focus-list entry targets. Requires groups:read.",
                      extensions=[Requires(Category.groups)])
    async def group(self, info: Info) -> GroupNode | None:
        return await group(info, self.group_id)


async def person(info: Info, person_id: uuid.UUID | None) -> PersonNode | None:
    """A related person, through the loader; noted for the operation's audit entry."""
    if person_id is None:
        return None
    row = await info.context.loaders.person_by_id.load(person_id)
    if row is None:
        return None
    info.context.saw_people([row.id])
    return PersonNode.from_row(row)


@strawberry.input(description="Narrows `people`. All given conditions must hold.")
class PersonFilter:
    name_contains: str | None = strawberry.field(default=None, description="Case-insensitive substring of the given or family name.")
    supervision_status: SupervisionStatusEnum | None = None  # type: ignore[valid-type]
    birth_year: int | None = None
    group_id: strawberry.ID | None = strawberry.field(default=None, description="Global id of a group: its current members.")
    identity_number: str | None = strawberry.field(default=None, description="Exact look-up through the blind index.")


@strawberry.enum(description="Orderings of `people`.")
class PersonOrder(enum.Enum):
    FAMILY_NAME = "family_name"
    CREATED_AT_DESC = "created_at_desc"

