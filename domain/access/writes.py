"""The write side of visibility: a write may only point at rows its author may already see.

Writing a link to a row (an outreach contact, a support offer or a task about a person) is how a row
becomes "assigned" to an organisation. If the link could name any row, an own-organisation caller
could make anyone visible to itself by writing about them. So every reference a write makes is
looked up through the same readable statement as a read; a row the author may not see is refused
exactly like a missing one (nothing is learned about its existence).
"""

from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.access.readable import visible
from domain.access.viewer import Viewer
from tenants.errors import NotFound


async def require_readable(session: AsyncSession, viewer: Viewer, model: type, id_: uuid.UUID | None, field: str) -> None:
    """``NotFound`` naming ``field`` unless ``viewer`` may see the ``model`` row ``id_`` (None passes)."""
    if id_ is None:
        return
    found = await session.scalar(select(model.id).where(model.id == id_, visible(model, viewer)))
    if found is None:
        label = getattr(model, "__tablename__", model.__name__)
        raise NotFound.single(field, "not_found", f"no {label} with id {id_}")
