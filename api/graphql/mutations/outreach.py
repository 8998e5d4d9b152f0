"""Outreach activity (outreach:write; own-organisation roles log for their organisation)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import strawberry
from strawberry.types import Info

from api.graphql.mutations.base import describe, gid, mutate, own_org
from api.graphql.mutations.payloads import OutreachActivityPayload
from api.graphql.types.outreach import OutreachKindEnum
from domain.identity.permissions import Category
from domain.outreach import service as outreach

O = Category.outreach


@strawberry.input
class LogOutreachInput:
    kind: OutreachKindEnum  # type: ignore[valid-type]
    occurred_on: date
    worker: str
    hours: Decimal = strawberry.field(description="0–24 for one day.")
    organisation_id: strawberry.ID | None = strawberry.field(default=None, description="Own-organisation roles: empty or theirs.")
    person_id: strawberry.ID | None = None
    other_person_id: strawberry.ID | None = strawberry.field(default=None, description="Mediation: the other party.")
    group_id: strawberry.ID | None = None
    other_group_id: strawberry.ID | None = None
    note: str | None = None


@strawberry.type
class OutreachMutations:
    @strawberry.mutation(description=describe("Log a contact, a mediation or hours.", O))
    async def log_outreach(self, info: Info, input: LogOutreachInput,
                           idempotency_key: str | None = None) -> OutreachActivityPayload:
        return await mutate(info, OutreachActivityPayload, category=O, operation="logOutreach", input=input, key=idempotency_key,
                            run=lambda s, level: outreach.log(
                                s, kind=input.kind, occurred_on=input.occurred_on, worker=input.worker, hours=input.hours,
                                organisation_id=own_org(info, level, gid(input.organisation_id, "Organisation", "organisation_id"),
                                                        "organisation_id"),
                                person_id=gid(input.person_id, "Person", "person_id"),
                                other_person_id=gid(input.other_person_id, "Person", "other_person_id"),
                                group_id=gid(input.group_id, "Group", "group_id"),
                                other_group_id=gid(input.other_group_id, "Group", "other_group_id"), note=input.note))
