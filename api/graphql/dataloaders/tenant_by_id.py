"""Cities (tenants) by id. The registry has no row-level security, so only the caller's own city loads."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import TYPE_CHECKING

from sqlalchemy import select
from strawberry.dataloader import DataLoader

from tenants.models import Tenant

if TYPE_CHECKING:
    from api.graphql.context import GraphQLContext


class TenantByIdLoader(DataLoader[uuid.UUID, Tenant | None]):
    def __init__(self, context: GraphQLContext) -> None:
        async def load(ids: Sequence[uuid.UUID]) -> list[Tenant | None]:
            own = context.principal.tenant_id
            wanted = [i for i in ids if i == own]
            rows = await context.scalars(select(Tenant).where(Tenant.id.in_(wanted))) if wanted else []
            by_id = {row.id: row for row in rows}
            return [by_id.get(i) for i in ids]

        super().__init__(load_fn=load)
