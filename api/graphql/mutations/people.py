"""People, supervision, close persons, memberships and designations."""

from __future__ import annotations

from datetime import date

import strawberry
from strawberry.types import Info

from api.graphql.mutations.base import describe, gid, mutate
from api.graphql.mutations.payloads import DesignationPayload, MembershipPayload, PersonPayload
from api.graphql.types.groups import ConfidenceEnum
from api.graphql.types.people import (
    CloseRelationEnum,
    DesignationKindEnum,
    MembershipPositionEnum,
    SupervisionStatusEnum,
)
from domain.identity.permissions import Category
from domain.people import service as people
from domain.people.models import Designation, GroupMembership, Person, SupervisionStatus
from domain.rules import get

P, G = Category.people, Category.groups


@strawberry.input
class CreatePersonInput:
    given_name: str
    family_name: str
    nickname: str | None = None
    birth_year: int | None = None
    identity_number: str | None = strawberry.field(default=None, description="Personnummer or samordningsnummer; "
                                                   "validated, stored only encrypted, unique within the city.")
    address: str | None = strawberry.field(default=None, description="Stored only encrypted.")
    phone: str | None = strawberry.field(default=None, description="Stored only encrypted.")
    supervision_status: SupervisionStatusEnum = SupervisionStatus.none  # type: ignore[valid-type]
    supervising_organisation_id: strawberry.ID | None = None
    supervision_until: date | None = None
    note: str | None = None


@strawberry.input
class SetSupervisionInput:
    person_id: strawberry.ID
    status: SupervisionStatusEnum  # type: ignore[valid-type]
    organisation_id: strawberry.ID | None = None
    until: date | None = None


@strawberry.input
class AddClosePersonInput:
    person_id: strawberry.ID
    close_person_id: strawberry.ID
    relation: CloseRelationEnum  # type: ignore[valid-type]


@strawberry.input(description="Why, by whom, how sure, and when to look again (at most a year ahead).")
class BasisInput:
    source: str
    assessed_by: str
    confidence: ConfidenceEnum  # type: ignore[valid-type]
    review_date: date
    assessed_on: date | None = strawberry.field(default=None, description="Default: today.")
    note: str | None = None


@strawberry.input
class AddMembershipInput:
    person_id: strawberry.ID
    group_id: strawberry.ID
    position: MembershipPositionEnum  # type: ignore[valid-type]
    started_on: date
    basis: BasisInput
    ended_on: date | None = None


@strawberry.input
class DesignateInput:
    person_id: strawberry.ID
    kind: DesignationKindEnum  # type: ignore[valid-type]
    started_on: date
    basis: BasisInput
    ended_on: date | None = None
    group_id: strawberry.ID | None = strawberry.field(default=None, description="Required for focus_list.")


@strawberry.input
class ReconfirmInput:
    id: strawberry.ID = strawberry.field(description="The membership's or designation's global id.")
    source: str
    assessed_by: str
    confidence: ConfidenceEnum  # type: ignore[valid-type]
    review_date: date


@strawberry.input
class EndPeriodInput:
    id: strawberry.ID = strawberry.field(description="The membership's or designation's global id.")
    ended_on: date


def _basis(b: BasisInput) -> dict:
    return {"source": b.source, "assessed_by": b.assessed_by, "confidence": b.confidence, "review_date": b.review_date,
            "assessed_on": b.assessed_on, "note": b.note}


@strawberry.type
class PeopleMutations:
    @strawberry.mutation(description=describe("Register a person.", P))
    async def create_person(self, info: Info, input: CreatePersonInput, idempotency_key: str | None = None) -> PersonPayload:
        return await mutate(info, PersonPayload, category=P, operation="createPerson", input=input, key=idempotency_key,
                            run=lambda s, _: people.create_person(
                                s, given_name=input.given_name, family_name=input.family_name, nickname=input.nickname,
                                birth_year=input.birth_year, identity_number=input.identity_number, address=input.address,
                                phone=input.phone, supervision_status=input.supervision_status,
                                supervising_organisation_id=gid(input.supervising_organisation_id, "Organisation",
                                                                "supervising_organisation_id"),
                                supervision_until=input.supervision_until, note=input.note))

    @strawberry.mutation(description=describe("Set a person's supervision status and agency.", P))
    async def set_supervision(self, info: Info, input: SetSupervisionInput, idempotency_key: str | None = None) -> PersonPayload:
        return await mutate(info, PersonPayload, category=P, operation="setSupervision", input=input, key=idempotency_key,
                            run=lambda s, _: people.set_supervision(
                                s, person_id=gid(input.person_id, "Person", "person_id"), status=input.status,
                                organisation_id=gid(input.organisation_id, "Organisation", "organisation_id"), until=input.until))

    @strawberry.mutation(description=describe("Link a close person (family, partner); answers with the person.", P))
    async def add_close_person(self, info: Info, input: AddClosePersonInput, idempotency_key: str | None = None) -> PersonPayload:
        async def run(s, _):
            person_id = gid(input.person_id, "Person", "person_id")
            await people.add_close_person(s, person_id=person_id, relation=input.relation,
                                          close_person_id=gid(input.close_person_id, "Person", "close_person_id"))
            return await get(s, Person, person_id, "person_id")

        return await mutate(info, PersonPayload, category=P, operation="addClosePerson", input=input, key=idempotency_key, run=run)

    @strawberry.mutation(description=describe("Record a period of group membership with its basis (periods of one person in "
                                              "one group never overlap).", G))
    async def add_membership(self, info: Info, input: AddMembershipInput, idempotency_key: str | None = None) -> MembershipPayload:
        return await mutate(info, MembershipPayload, category=G, operation="addMembership", input=input, key=idempotency_key,
                            run=lambda s, _: people.add_membership(
                                s, person_id=gid(input.person_id, "Person", "person_id"),
                                group_id=gid(input.group_id, "Group", "group_id"), position=input.position,
                                started_on=input.started_on, ended_on=input.ended_on, **_basis(input.basis)))

    @strawberry.mutation(description=describe("Designate a person at risk or on the focus list, with its basis.", P))
    async def designate(self, info: Info, input: DesignateInput, idempotency_key: str | None = None) -> DesignationPayload:
        return await mutate(info, DesignationPayload, category=P, operation="designate", input=input, key=idempotency_key,
                            run=lambda s, _: people.designate(
                                s, person_id=gid(input.person_id, "Person", "person_id"), kind=input.kind,
                                started_on=input.started_on, ended_on=input.ended_on,
                                group_id=gid(input.group_id, "Group", "group_id"), **_basis(input.basis)))

    @strawberry.mutation(description=describe("Re-confirm a membership today and set its next review date.", G))
    async def reconfirm_membership(self, info: Info, input: ReconfirmInput, idempotency_key: str | None = None) -> MembershipPayload:
        return await mutate(info, MembershipPayload, category=G, operation="reconfirmMembership", input=input, key=idempotency_key,
                            run=lambda s, _: people.reconfirm(
                                s, model=GroupMembership, id=gid(input.id, "Membership", "id"), source=input.source,
                                assessed_by=input.assessed_by, confidence=input.confidence, review_date=input.review_date))

    @strawberry.mutation(description=describe("Re-confirm a designation today and set its next review date.", P))
    async def reconfirm_designation(self, info: Info, input: ReconfirmInput,
                                    idempotency_key: str | None = None) -> DesignationPayload:
        return await mutate(info, DesignationPayload, category=P, operation="reconfirmDesignation", input=input,
                            key=idempotency_key,
                            run=lambda s, _: people.reconfirm(
                                s, model=Designation, id=gid(input.id, "Designation", "id"), source=input.source,
                                assessed_by=input.assessed_by, confidence=input.confidence, review_date=input.review_date))

    @strawberry.mutation(description=describe("End a membership period.", G))
    async def end_membership(self, info: Info, input: EndPeriodInput, idempotency_key: str | None = None) -> MembershipPayload:
        return await mutate(info, MembershipPayload, category=G, operation="endMembership", input=input, key=idempotency_key,
                            run=lambda s, _: people.end(s, model=GroupMembership, id=gid(input.id, "Membership", "id"),
                                                        ended_on=input.ended_on))

    @strawberry.mutation(description=describe("End a designation.", P))
    async def end_designation(self, info: Info, input: EndPeriodInput, idempotency_key: str | None = None) -> DesignationPayload:
        return await mutate(info, DesignationPayload, category=P, operation="endDesignation", input=input, key=idempotency_key,
                            run=lambda s, _: people.end(s, model=Designation, id=gid(input.id, "Designation", "id"),
                                                        ended_on=input.ended_on))
