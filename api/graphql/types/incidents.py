"""Incidents (shootings, explosions, other serious violence), their links, involvement and reviews."""

from __future__ import annotations

import enum
import uuid
from datetime import date, datetime
from typing import TYPE_CHECKING, Annotated

import strawberry
from strawberry import relay
from strawberry.types import Info

from api.graphql.permissions import Requires, guarded, guarded_load
from api.graphql.types.base import Loaded, gql_enum
from api.graphql.types.groups import ConfidenceEnum, GroupNode, group
from api.graphql.types.people import PersonNode
from domain.identity.permissions import Category
from domain.incidents.models import Incident as IncidentRow
from domain.incidents.models import IncidentReview as IncidentReviewRow
from domain.incidents.models import IncidentRole, IncidentType, Involvement

if TYPE_CHECKING:
    from api.graphql.types.tasks import TaskNode

IncidentTypeEnum = gql_enum(IncidentType, "shooting; explosion_completed / _attempted / _prepared (as the police count "
                                          "them); other_serious_violence.")
IncidentRoleEnum = gql_enum(IncidentRole)
InvolvementEnum = gql_enum(Involvement)


@strawberry.type(description="A person linked to an incident, with their role (victims stay victims).")
class IncidentPersonLink:
    role: IncidentRoleEnum  # type: ignore[valid-type]
    person: PersonNode


@strawberry.type(description="A group linked to an incident, with its role.")
class IncidentGroupLink:
    role: IncidentRoleEnum  # type: ignore[valid-type]
    group: GroupNode


@strawberry.type(description="One assessment of whether a group was behind an incident (history kept; the latest counts).")
class InvolvementAssessment:
    involvement: InvolvementEnum  # type: ignore[valid-type]
    confidence: ConfidenceEnum  # type: ignore[valid-type]
    assessed_at: datetime
    note: str | None
    group_id: strawberry.Private[uuid.UUID]
    review_id: strawberry.Private[uuid.UUID | None]

    @strawberry.field
    async def group(self, info: Info) -> GroupNode | None:
        return await group(info, self.group_id)

    @strawberry.field(description="The incident review that decided it, if any.")
    async def review(self, info: Info) -> IncidentReviewNode | None:
        if self.review_id is None:
            return None
        row = await info.context.loaders.incident_review_by_id.load(self.review_id)
        return IncidentReviewNode.from_row(row) if row else None


def _unique_groups(rows: list) -> list[GroupNode]:
    seen: dict[uuid.UUID, GroupNode] = {}
    for _, _, row in rows:
        if row.id not in seen:
            seen[row.id] = GroupNode.from_row(row)
    return list(seen.values())


def _group_links(rows: list) -> list[IncidentGroupLink]:
    return [IncidentGroupLink(role=role, group=GroupNode.from_row(row)) for _, role, row in rows]


@strawberry.type(name="Incident", description="A shooting, explosion or other serious violence. Requires incidents:read.")
class IncidentNode(Loaded, relay.Node):
    _model = IncidentRow
    _category = Category.incidents

    id: relay.NodeID[str]
    type: IncidentTypeEnum  # type: ignore[valid-type]
    occurred_at: datetime
    area: str | None = strawberry.field(description="Neighbourhood.")
    police_area: str | None = strawberry.field(description="Polisområde.")
    police_region: str | None
    confirmed: bool
    killed: int
    injured: int
    description: str | None
    external_reference: str | None = strawberry.field(description="The reporting system's id (unique per city).")
    created_at: datetime
    version: int = strawberry.field(description="Goes up with every change; `updateIncident` takes the version the "
                                                "editor saw as `expectedVersion` and refuses (code conflict) when it moved on.")

    # groups, group_links and people check their permission in the resolver (``guarded_load``, the
    # same refusals as ``Requires``) and are synchronous when the page prefetched their rows: they
    # run once per incident, and an awaited extension per row dominated a page's cost.
    @strawberry.field(description=guarded("The groups linked to the incident (each once). Requires groups:read.",
                                          Category.groups))
    def groups(self, info: Info) -> list[GroupNode]:
        return guarded_load(info, Category.groups, info.context.loaders.groups_by_incident, self.pk, _unique_groups)

    @strawberry.field(description=guarded("The groups linked to the incident with their role. Requires groups:read.",
                                          Category.groups))
    def group_links(self, info: Info) -> list[IncidentGroupLink]:
        return guarded_load(info, Category.groups, info.context.loaders.groups_by_incident, self.pk, _group_links)

    @strawberry.field(description=guarded("The people linked to the incident with their role. Requires people:read.",
                                          Category.people))
    def people(self, info: Info) -> list[IncidentPersonLink]:
        context = info.context

        def build(rows: list) -> list[IncidentPersonLink]:
            context.saw_people([row.id for _, _, row in rows])
            return [IncidentPersonLink(role=role, person=PersonNode.from_row(row)) for _, role, row in rows]

        return guarded_load(info, Category.people, context.loaders.people_by_incident, self.pk, build)

    @strawberry.field(description="Every group-involvement assessment, oldest first. Requires groups:read.",
                      extensions=[Requires(Category.groups)])
    async def involvement(self, info: Info, current_only: bool = False) -> list[InvolvementAssessment]:
        rows = await info.context.loaders.involvement_by_incident.load(self.pk)
        if current_only:  # the latest per group
            rows = list({r.group_id: r for r in rows}.values())
        return [InvolvementAssessment(involvement=r.involvement, confidence=r.confidence, assessed_at=r.assessed_at,
                                      note=r.note, group_id=r.group_id, review_id=r.review_id) for r in rows]


@strawberry.type(description="What a review decided about one incident.")
class ReviewDecision:
    decision: str
    incident_id: strawberry.Private[uuid.UUID]

    @strawberry.field
    async def incident(self, info: Info) -> IncidentNode | None:
        row = await info.context.loaders.incident_by_id.load(self.incident_id)
        return IncidentNode.from_row(row) if row else None


@strawberry.type(name="IncidentReview", description="The programme's regular shooting review. Requires incidents:read.")
class IncidentReviewNode(Loaded, relay.Node):
    _model = IncidentReviewRow
    _category = Category.incidents

    id: relay.NodeID[str]
    held_on: date
    note: str | None
    created_at: datetime

    @strawberry.field
    async def decisions(self, info: Info) -> list[ReviewDecision]:
        rows = await info.context.loaders.decisions_by_review.load(self.pk)
        return [ReviewDecision(decision=r.decision, incident_id=r.incident_id) for r in rows]

    @strawberry.field(description="The follow-up tasks the review produced. Requires tasks:read.",
                      extensions=[Requires(Category.tasks)])
    async def tasks(self, info: Info) -> list[Annotated[TaskNode, strawberry.lazy("api.graphql.types.tasks")]]:
        from api.graphql.types.tasks import TaskNode

        return TaskNode.from_rows(await info.context.loaders.tasks_by_review.load(self.pk))  # only tasks they may see


@strawberry.input(description="Narrows `incidents`. All given conditions must hold.")
class IncidentFilter:
    types: list[IncidentTypeEnum] | None = None  # type: ignore[valid-type]
    occurred_from: datetime | None = strawberry.field(default=None, description="At or after.")
    occurred_to: datetime | None = strawberry.field(default=None, description="Before.")
    area: str | None = None
    confirmed: bool | None = None
    external_reference: str | None = None
    group_id: strawberry.ID | None = strawberry.field(default=None, description="Global id of a linked group.")


@strawberry.enum(description="Orderings of `incidents`.")
class IncidentOrder(enum.Enum):
    OCCURRED_AT_DESC = "occurred_at_desc"
    OCCURRED_AT = "occurred_at"
