"""Cities (tenants) by id. The registry has no row-level security, so only the caller's own city loads."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlalchemy import select
from strawberry.dataloader import DataLoader

from api.graphql.dataloaders.base import Reader
from tenants.models import Tenant


class TenantByIdLoader(DataLoader[uuid.UUID, Tenant | None]):
    def __init__(self, db: Reader) -> None:
        async def load(ids: Sequence[uuid.UUID]) -> list[Tenant | None]:
            own = db.viewer.tenant_id
            wanted = [i for i in ids if i == own]
            rows = await db.scalars(select(Tenant).where(Tenant.id.in_(wanted))) if wanted else []
            by_id = {row.id: row for row in rows}
            return [by_id.get(i) for i in ids]

        super().__init__(load_fn=load)
