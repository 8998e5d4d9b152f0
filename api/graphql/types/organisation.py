"""Partner organisations of a city (police, probation, social services, civil society …)."""

from __future__ import annotations

import enum
from collections.abc import Iterable
from datetime import datetime
from typing import Any

import strawberry
from strawberry import relay
from strawberry.types import Info

from api.graphql.types.city import CityNode
from api.graphql.types.ids import parse_uuids
from domain.identity.permissions import Action, Category, require
from domain.organisations.models import Organisation, OrganisationKind

OrganisationKindEnum = strawberry.enum(OrganisationKind, name="OrganisationKind", description="What kind of partner.")


@strawberry.type(
    name="Organisation",
    description="A partner organisation of the city's programme. Requires programme:read; refused with FORBIDDEN otherwise.",
)
class OrganisationNode(relay.Node):
    id: relay.NodeID[str]
    name: str
    kind: OrganisationKindEnum  # type: ignore[valid-type]
    active: bool
    created_at: datetime
    tenant_id: strawberry.Private[Any]

    @strawberry.field(description="The city the organisation belongs to.")
    async def city(self, info: Info) -> CityNode | None:
        row = await info.context.loaders.tenant_by_id.load(self.tenant_id)
        return CityNode.from_row(row) if row else None

    @classmethod
    def from_row(cls, row: Organisation) -> OrganisationNode:
        return cls(id=str(row.id), name=row.name, kind=row.kind, active=row.active, created_at=row.created_at,
                   tenant_id=row.tenant_id)

    @classmethod
    async def resolve_nodes(cls, *, info: Info, node_ids: Iterable[str], required: bool = False) -> list[Any]:
        require(info.context.principal, Category.programme, Action.read)
        ids = parse_uuids(node_ids)
        rows = await info.context.loaders.organisation_by_id.load_many([i for i in ids if i is not None])
        found = iter(rows)
        result = []
        for i in ids:
            row = next(found) if i is not None else None
            result.append(cls.from_row(row) if row else None)
        return result


@strawberry.input(description="Narrows `organisations`. All given conditions must hold.")
class OrganisationFilter:
    kind: OrganisationKindEnum | None = None  # type: ignore[valid-type]
    active: bool | None = None
    name_contains: str | None = strawberry.field(default=None, description="Case-insensitive substring of the name.")


@strawberry.enum(description="Orderings of `organisations` (each pages by keyset).")
class OrganisationOrder(enum.Enum):
    NAME = "name"
    CREATED_AT_DESC = "created_at_desc"
