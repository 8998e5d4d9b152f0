"""The two shapes every loader has: rows by their id, and rows grouped by a foreign key.

A concrete loader (one module per relation) names the model and column; the batching, the
per-request cache, the tenant scope (the request's session) and the caller's visibility
(``domain.access.readable``: the same rows as the direct query) come from here.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, ClassVar, Protocol

from sqlalchemy import Select
from strawberry.dataloader import DataLoader

from domain.access.readable import readable

if TYPE_CHECKING:
    from domain.access.viewer import Viewer


class Reader(Protocol):
    """The small database handle a loader needs: the request's serialised session and its viewer."""

    viewer: Viewer

    async def scalars(self, statement: Any) -> list[Any]: ...

    async def rows(self, statement: Any) -> list[Any]: ...


class ById(DataLoader[uuid.UUID, Any]):
    """``load(id)`` → the row or ``None`` (missing, another city's — row-level security hides it — or one
    the viewer may not see)."""

    def __init__(self, db: Reader, model: type) -> None:
        self.model = model

        async def load(ids: Sequence[uuid.UUID]) -> list[Any]:
            # only rows the caller may see: every path to a row by id gets the direct query's decision
            rows = await db.scalars(readable(model, db.viewer).where(model.id.in_(list(dict.fromkeys(ids)))))
            by_id = {row.id: row for row in rows}
            return [by_id.get(i) for i in ids]

        super().__init__(load_fn=load)


class ByKey(DataLoader[uuid.UUID, list[Any]]):
    """``load(key)`` → every row whose ``column`` is ``key``, in ``order`` (one query per batch)."""

    model: ClassVar[Any]
    column: ClassVar[str]
    order: ClassVar[tuple[str, ...]] = ("id",)

    def statement(self, keys: list[uuid.UUID], viewer: Viewer) -> Select:
        column = getattr(self.model, self.column)
        return (readable(self.model, viewer).where(column.in_(keys))
                .order_by(*(getattr(self.model, o) for o in self.order)))

    def key_of(self, row: Any) -> uuid.UUID:
        return getattr(row, self.column)

    def __init__(self, db: Reader) -> None:
        async def load(keys: Sequence[uuid.UUID]) -> list[list[Any]]:
            grouped: dict[uuid.UUID, list[Any]] = defaultdict(list)
            for row in await db.scalars(self.statement(list(dict.fromkeys(keys)), db.viewer)):
                grouped[self.key_of(row)].append(row)
            return [grouped.get(k, []) for k in keys]

        super().__init__(load_fn=load)


class JoinedByKey(DataLoader[uuid.UUID, list[Any]]):
    """``load(key)`` → result rows ``(key, …)`` of a join, grouped by their first column."""

    def statement(self, keys: list[uuid.UUID], viewer: Viewer) -> Select:  # pragma: no cover - abstract
        """The join, narrowed with ``visible(Model, viewer)`` for every categorised table it reads."""
        raise NotImplementedError

    def __init__(self, db: Reader) -> None:
        async def load(keys: Sequence[uuid.UUID]) -> list[list[Any]]:
            grouped: dict[uuid.UUID, list[Any]] = defaultdict(list)
            for row in await db.rows(self.statement(list(dict.fromkeys(keys)), viewer=db.viewer)):
                grouped[row[0]].append(row)
            return [grouped.get(k, []) for k in keys]

        super().__init__(load_fn=load)
