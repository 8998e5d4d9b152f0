"""Groups, risk assessments and relationships (police intelligence: groups:write)."""

from __future__ import annotations

from datetime import date

import strawberry
from strawberry.types import Info

from api.graphql.mutations.base import describe, gid, mutate
from api.graphql.mutations.payloads import GroupPayload, GroupRelationshipPayload
from api.graphql.types.groups import ConfidenceEnum, GroupStatusEnum, RelationshipKindEnum, RiskLevelEnum
from domain.groups import service as groups
from domain.groups.models import Group, GroupStatus
from domain.identity.permissions import Category
from domain.rules import get

G = Category.groups


@strawberry.input
class CreateGroupInput:
    name: str = strawberry.field(description="Unique within the city.")
    status: GroupStatusEnum = GroupStatus.active  # type: ignore[valid-type]
    aliases: list[str] = strawberry.field(default_factory=list)
    areas: list[str] = strawberry.field(default_factory=list)
    description: str | None = None


@strawberry.input
class SetGroupStatusInput:
    group_id: strawberry.ID
    status: GroupStatusEnum  # type: ignore[valid-type]


@strawberry.input
class AssessGroupRiskInput:
    group_id: strawberry.ID
    level: RiskLevelEnum  # type: ignore[valid-type]
    assessed_on: date
    basis: str
    confidence: ConfidenceEnum  # type: ignore[valid-type]
    organisation_id: strawberry.ID | None = None


@strawberry.input
class RelateGroupsInput:
    group_a_id: strawberry.ID
    group_b_id: strawberry.ID
    kind: RelationshipKindEnum  # type: ignore[valid-type]
    started_on: date
    ended_on: date | None = None
    note: str | None = None


@strawberry.input
class EndGroupRelationshipInput:
    relationship_id: strawberry.ID
    ended_on: date


@strawberry.type
class GroupMutations:
    @strawberry.mutation(description=describe("Register a group.", G))
    async def create_group(self, info: Info, input: CreateGroupInput, idempotency_key: str | None = None) -> GroupPayload:
        return await mutate(info, GroupPayload, category=G, operation="createGroup", input=input, key=idempotency_key,
                            run=lambda s, _: groups.create_group(s, name=input.name, status=input.status, aliases=input.aliases,
                                                                 areas=input.areas, description=input.description))

    @strawberry.mutation(description=describe("Change a group's status.", G))
    async def set_group_status(self, info: Info, input: SetGroupStatusInput, idempotency_key: str | None = None) -> GroupPayload:
        return await mutate(info, GroupPayload, category=G, operation="setGroupStatus", input=input, key=idempotency_key,
                            run=lambda s, _: groups.set_status(s, group_id=gid(input.group_id, "Group", "group_id"),
                                                               status=input.status))

    @strawberry.mutation(description=describe("Add a risk assessment to a group's history.", G))
    async def assess_group_risk(self, info: Info, input: AssessGroupRiskInput, idempotency_key: str | None = None) -> GroupPayload:
        async def run(s, _):
            group_id = gid(input.group_id, "Group", "group_id")
            await groups.assess_risk(s, group_id=group_id, level=input.level, assessed_on=input.assessed_on, basis=input.basis,
                                     confidence=input.confidence,
                                     organisation_id=gid(input.organisation_id, "Organisation", "organisation_id"))
            return await get(s, Group, group_id, "group_id")

        return await mutate(info, GroupPayload, category=G, operation="assessGroupRisk", input=input, key=idempotency_key, run=run)

    @strawberry.mutation(description=describe("Record a conflict, alliance or split between two groups.", G))
    async def relate_groups(self, info: Info, input: RelateGroupsInput, idempotency_key: str | None = None) -> GroupRelationshipPayload:
        return await mutate(info, GroupRelationshipPayload, category=G, operation="relateGroups", input=input, key=idempotency_key,
                            run=lambda s, _: groups.relate(s, group_a_id=gid(input.group_a_id, "Group", "group_a_id"),
                                                           group_b_id=gid(input.group_b_id, "Group", "group_b_id"),
                                                           kind=input.kind, started_on=input.started_on,
                                                           ended_on=input.ended_on, note=input.note))

    @strawberry.mutation(description=describe("End a relationship between groups.", G))
    async def end_group_relationship(self, info: Info, input: EndGroupRelationshipInput,
                                     idempotency_key: str | None = None) -> GroupRelationshipPayload:
        return await mutate(info, GroupRelationshipPayload, category=G, operation="endGroupRelationship", input=input,
                            key=idempotency_key,
                            run=lambda s, _: groups.end_relationship(
                                s, relationship_id=gid(input.relationship_id, "GroupRelationship", "relationship_id"),
                                ended_on=input.ended_on))
