"""Enforcement actions and the focus list (enforcement:write, police intelligence)."""

from __future__ import annotations

from datetime import date

import strawberry
from strawberry.types import Info

from api.graphql.mutations.base import describe, gid, mutate
from api.graphql.mutations.payloads import DesignationPayload, EnforcementActionPayload
from api.graphql.mutations.people import BasisInput, _basis
from api.graphql.types.enforcement import EnforcementTypeEnum
from domain.enforcement import service as enforcement
from domain.identity.permissions import Category

E = Category.enforcement


@strawberry.input
class RecordEnforcementActionInput:
    type: EnforcementTypeEnum  # type: ignore[valid-type]
    taken_on: date
    organisation_id: strawberry.ID = strawberry.field(description="The organisation that acted.")
    group_id: strawberry.ID | None = None
    person_ids: list[strawberry.ID] = strawberry.field(default_factory=list)
    incident_ids: list[strawberry.ID] = strawberry.field(default_factory=list, description="Triggering incidents (before the action).")
    result: str | None = None
    note: str | None = None


@strawberry.input
class AddToFocusListInput:
    person_id: strawberry.ID
    group_id: strawberry.ID = strawberry.field(description="The group the entry targets.")
    started_on: date
    basis: BasisInput


@strawberry.input
class RemoveFromFocusListInput:
    designation_id: strawberry.ID
    ended_on: date


@strawberry.type
class EnforcementMutations:
    @strawberry.mutation(description=describe("Record an enforcement action against a group and/or people.", E))
    async def record_enforcement_action(self, info: Info, input: RecordEnforcementActionInput,
                                        idempotency_key: str | None = None) -> EnforcementActionPayload:
        return await mutate(info, EnforcementActionPayload, category=E, operation="recordEnforcementAction", input=input,
                            key=idempotency_key,
                            run=lambda s, _: enforcement.record_action(
                                s, type=input.type, taken_on=input.taken_on,
                                organisation_id=gid(input.organisation_id, "Organisation", "organisation_id"),
                                group_id=gid(input.group_id, "Group", "group_id"),
                                person_ids=[gid(p, "Person", f"person_ids[{i}]") for i, p in enumerate(input.person_ids)],
                                incident_ids=[gid(p, "Incident", f"incident_ids[{i}]") for i, p in enumerate(input.incident_ids)],
                                result=input.result, note=input.note))

    @strawberry.mutation(description=describe("Put a person on the focus list (a designation that lapses at its review date).", E))
    async def add_to_focus_list(self, info: Info, input: AddToFocusListInput,
                                idempotency_key: str | None = None) -> DesignationPayload:
        return await mutate(info, DesignationPayload, category=E, operation="addToFocusList", input=input, key=idempotency_key,
                            run=lambda s, _: enforcement.add_to_focus_list(
                                s, person_id=gid(input.person_id, "Person", "person_id"),
                                group_id=gid(input.group_id, "Group", "group_id"), started_on=input.started_on,
                                **_basis(input.basis)))

    @strawberry.mutation(description=describe("End a focus-list entry.", E))
    async def remove_from_focus_list(self, info: Info, input: RemoveFromFocusListInput,
                                     idempotency_key: str | None = None) -> DesignationPayload:
        return await mutate(info, DesignationPayload, category=E, operation="removeFromFocusList", input=input,
                            key=idempotency_key,
                            run=lambda s, _: enforcement.remove_from_focus_list(
                                s, designation_id=gid(input.designation_id, "Designation", "designation_id"),
                                ended_on=input.ended_on))
