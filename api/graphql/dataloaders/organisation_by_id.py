"""Partner organisations by id (missing or another city's: ``None``)."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import TYPE_CHECKING

from sqlalchemy import select
from strawberry.dataloader import DataLoader

from domain.organisations.models import Organisation

if TYPE_CHECKING:
    from api.graphql.context import GraphQLContext


class OrganisationByIdLoader(DataLoader[uuid.UUID, Organisation | None]):
    def __init__(self, context: GraphQLContext) -> None:
        async def load(ids: Sequence[uuid.UUID]) -> list[Organisation | None]:
            rows = await context.scalars(select(Organisation).where(Organisation.id.in_(ids)))
            by_id = {row.id: row for row in rows}
            return [by_id.get(i) for i in ids]

        super().__init__(load_fn=load)
