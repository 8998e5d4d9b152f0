"""Groups (violence-driving groups), their risk assessments and the relationships between them.

All of it is police intelligence: it needs groups:read, which outreach workers, caseworkers and
viewers do not have (refused with FORBIDDEN, never nulled).
"""

from __future__ import annotations

import enum
import uuid
from datetime import date, datetime
from typing import TYPE_CHECKING, Annotated

import strawberry
from strawberry import relay
from strawberry.types import Info

from api.graphql.limits import check_page_size
from api.graphql.permissions import Requires
from api.graphql.types.base import Loaded, gql_enum
from api.graphql.types.organisation import OrganisationNode
from api.graphql.types.timeline import EMPTY, TimelineConnection, to_connection
from domain.columns import Confidence
from domain.groups.models import Group as GroupRow
from domain.groups.models import GroupRelationship as GroupRelationshipRow
from domain.groups.models import GroupStatus, RelationshipKind, RiskLevel
from domain.identity.permissions import Category
from domain.people.service import is_current
from domain.timeline import service as timelines

if TYPE_CHECKING:
    from api.graphql.types.people import MembershipNode

GroupStatusEnum = gql_enum(GroupStatus, "Active, dormant or dissolved.")
RiskLevelEnum = gql_enum(RiskLevel)
ConfidenceEnum = gql_enum(Confidence)
RelationshipKindEnum = gql_enum(RelationshipKind, "conflict, alliance, or split (group B split off from group A).")


@strawberry.type(description="One risk assessment of a group (history is kept; the latest counts).")
class GroupRiskAssessment:
    level: RiskLevelEnum  # type: ignore[valid-type]
    assessed_on: date
    basis: str
    confidence: ConfidenceEnum  # type: ignore[valid-type]
    organisation_id: strawberry.Private[uuid.UUID | None]

    @strawberry.field(description="The assessing organisation.")
    async def organisation(self, info: Info) -> OrganisationNode | None:
        if self.organisation_id is None:
            return None
        row = await info.context.loaders.organisation_by_id.load(self.organisation_id)
        return OrganisationNode.from_row(row) if row else None

    @classmethod
    def from_row(cls, row) -> GroupRiskAssessment:
        return cls(level=row.level, assessed_on=row.assessed_on, basis=row.basis, confidence=row.confidence,
                   organisation_id=row.organisation_id)


@strawberry.type(name="Group", description="A violence-driving group. Police intelligence: requires groups:read.")
class GroupNode(Loaded, relay.Node):
    _model = GroupRow
    _category = Category.groups

    id: relay.NodeID[str]
    name: str
    aliases: list[str]
    areas: list[str] = strawberry.field(description="Neighbourhoods where the group is active.")
    status: GroupStatusEnum  # type: ignore[valid-type]
    description: str | None
    created_at: datetime

    @strawberry.field(description="Every risk assessment, oldest first.", extensions=[Requires(Category.groups)])
    async def risk_assessments(self, info: Info) -> list[GroupRiskAssessment]:
        return [GroupRiskAssessment.from_row(r) for r in await info.context.loaders.risk_assessments_by_group.load(self.pk)]

    @strawberry.field(description="The latest risk assessment, if any.", extensions=[Requires(Category.groups)])
    async def current_risk(self, info: Info) -> GroupRiskAssessment | None:
        rows = await info.context.loaders.risk_assessments_by_group.load(self.pk)
        return GroupRiskAssessment.from_row(rows[-1]) if rows else None

    @strawberry.field(description="Relationships with other groups (conflicts, alliances, splits), oldest first.",
                      extensions=[Requires(Category.groups)])
    async def relationships(self, info: Info) -> list[GroupRelationshipNode]:
        rows = await info.context.loaders.relationships_by_group.load(self.pk)
        return [GroupRelationshipNode.from_row(r[1]) for r in rows]

    @strawberry.field(description="Memberships in the group; `currentOnly` keeps those started, not ended and "
                                  "re-confirmed by their review date.", extensions=[Requires(Category.groups)])
    async def memberships(
        self, info: Info, current_only: bool = False
    ) -> list[Annotated[MembershipNode, strawberry.lazy("api.graphql.types.people")]]:
        from api.graphql.types.people import MembershipNode

        rows = await info.context.loaders.memberships_by_group.load(self.pk)
        if current_only:
            rows = [r for r in rows if is_current(r)]
        info.context.saw_people([r.person_id for r in rows])
        return MembershipNode.from_rows(rows)

    @strawberry.field(description="The group's timeline, oldest first (at most 100 per page).",
                      extensions=[Requires(Category.groups)])
    async def timeline(self, info: Info, first: int = 50, after: str | None = None) -> TimelineConnection:
        first = check_page_size(first, info.schema.limits)
        if first == 0:
            return EMPTY
        async with info.context.db() as session:
            page = await timelines.group_timeline(session, viewer=info.context.viewer, group_id=self.pk, limit=first, after=after)
        return to_connection(page, after)


@strawberry.type(name="GroupRelationship", description="An edge of the group network, dated. Requires groups:read.")
class GroupRelationshipNode(Loaded, relay.Node):
    _model = GroupRelationshipRow
    _category = Category.groups
    _private = ("group_a_id", "group_b_id")

    id: relay.NodeID[str]
    kind: RelationshipKindEnum  # type: ignore[valid-type]
    started_on: date
    ended_on: date | None
    note: str | None
    group_a_id: strawberry.Private[uuid.UUID]
    group_b_id: strawberry.Private[uuid.UUID]

    @strawberry.field
    async def group_a(self, info: Info) -> GroupNode | None:
        return await group(info, self.group_a_id)

    @strawberry.field
    async def group_b(self, info: Info) -> GroupNode | None:
        return await group(info, self.group_b_id)


async def group(info: Info, group_id: uuid.UUID | None) -> GroupNode | None:
    if group_id is None:
        return None
    row = await info.context.loaders.group_by_id.load(group_id)
    return GroupNode.from_row(row) if row else None


@strawberry.input(description="Narrows `groups`. All given conditions must hold.")
class GroupFilter:
    status: GroupStatusEnum | None = None  # type: ignore[valid-type]
    area: str | None = strawberry.field(default=None, description="Active in this neighbourhood (exact name).")
    name_contains: str | None = strawberry.field(default=None, description="Case-insensitive substring of the name.")


@strawberry.enum(description="Orderings of `groups`.")
class GroupOrder(enum.Enum):
    NAME = "name"
    CREATED_AT_DESC = "created_at_desc"
