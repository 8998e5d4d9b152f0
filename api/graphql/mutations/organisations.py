"""``createOrganisation``: the reference for every create mutation (payload errors, idempotency, audit)."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from api.graphql.mutations.base import describe, mutate, payload_type
from api.graphql.types.organisation import OrganisationKindEnum, OrganisationNode
from domain.identity.permissions import Category
from domain.organisations import service as organisations


@strawberry.input
class CreateOrganisationInput:
    name: str = strawberry.field(description="1–200 characters, unique within the city.")
    kind: OrganisationKindEnum  # type: ignore[valid-type]
    active: bool = True


CreateOrganisationPayload = payload_type("CreateOrganisationPayload", "organisation", OrganisationNode)


@strawberry.type
class OrganisationMutations:
    @strawberry.mutation(description=describe("Register a partner organisation.", Category.programme))
    async def create_organisation(
        self, info: Info, input: CreateOrganisationInput, idempotency_key: str | None = None
    ) -> CreateOrganisationPayload:
        async def load(organisation_id):
            row = await info.context.loaders.organisation_by_id.load(organisation_id)
            return OrganisationNode.from_row(row) if row else None

        return await mutate(info, CreateOrganisationPayload, category=Category.programme, operation="createOrganisation",
                            input=input, key=idempotency_key, load=load,
                            run=lambda s, _: organisations.create(s, name=input.name, kind=input.kind, active=input.active))
