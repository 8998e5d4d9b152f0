"""The caller's city (tenant)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import strawberry
from strawberry import relay
from strawberry.types import Info

from api.graphql.types.ids import parse_uuids
from tenants.models import Tenant


@strawberry.type(name="City", description="A city running a Sluta skjut programme (a tenant). Callers only ever see their own.")
class CityNode(relay.Node):
    id: relay.NodeID[str]
    slug: str
    name: str
    kommunkod: str = strawberry.field(description="Four-digit Swedish municipality code.")
    police_area: str | None = strawberry.field(description="Police area (polisområde).")

    @classmethod
    def from_row(cls, row: Tenant) -> CityNode:
        return cls(id=str(row.id), slug=row.slug, name=row.name, kommunkod=row.kommunkod, police_area=row.police_area)

    @classmethod
    async def resolve_nodes(cls, *, info: Info, node_ids: Iterable[str], required: bool = False) -> list[Any]:
        ids = parse_uuids(node_ids)
        rows = await info.context.loaders.tenant_by_id.load_many([i for i in ids if i is not None])
        found = iter(rows)
        result = []
        for i in ids:
            row = next(found) if i is not None else None
            result.append(cls.from_row(row) if row else None)
        return result
