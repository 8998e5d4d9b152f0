"""One order and keyset page for every list: ``fetch(reader, statement, ordering, PageRequest(first, after))``.

A page continues after the last row seen, ``WHERE (sort, id) > (:sort, :id) ORDER BY sort, id LIMIT
first + 1`` — as fast on page 1,000 as on page 1 and stable while rows are inserted; the extra row
tells whether there is a next page. A row's key is ``[ordering, sort value, id]`` in JSON values;
how a key travels (the API's opaque cursor) is the caller's business. The total is a separate count,
run only when asked for.
"""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Generic, Protocol, TypeVar

from sqlalchemy import Select, func, select, tuple_
from sqlalchemy.orm import InstrumentedAttribute

from tenants import calendar
from tenants.errors import ValidationFailed

Row = TypeVar("Row")


class Reader(Protocol):
    async def scalars(self, statement: Any) -> list[Any]: ...


class BadKey(ValueError):
    """A key this list never handed out (or one of another ordering: ``ordering`` names it)."""

    def __init__(self, message: str, ordering: str | None = None, expected: str | None = None) -> None:
        super().__init__(message)
        self.ordering, self.expected = ordering, expected


@dataclass(frozen=True)
class Ordering:
    """A sort key: ``column`` then the unique ``id`` as tie-breaker, one direction."""

    name: str
    column: InstrumentedAttribute
    id_column: InstrumentedAttribute
    descending: bool = False

    def key(self, row: Any) -> list[Any]:
        """The JSON key of ``row`` in this ordering (what a cursor carries)."""
        return [self.name, _json_value(getattr(row, self.column.key)), _json_value(getattr(row, self.id_column.key))]

    def parse(self, key: Any) -> tuple[Any, Any]:
        """``(sort value, id)`` of a key from :meth:`key`; anything else raises :class:`BadKey`."""
        try:
            name, sort_raw, id_raw = key
        except (TypeError, ValueError):
            raise BadKey("not a key of this list") from None
        if name != self.name:
            if not isinstance(name, str) or len(name) > 40 or not name.isidentifier():
                raise BadKey("not a key of this list")
            raise BadKey(f"a key of ordering {name}, not {self.name}", ordering=name, expected=self.name)
        try:
            return _column_value(sort_raw, self.column), _column_value(id_raw, self.id_column)
        except (ValueError, TypeError, ValidationFailed) as exc:
            raise BadKey("not a key of this list") from exc


def orderings(model: type, spec: Mapping[str, tuple[str, bool]]) -> dict[str, Ordering]:
    """``{name: (column, descending)}`` → orderings of ``model`` with its ``id`` as tie-breaker."""
    return {name: Ordering(name, getattr(model, column), model.id, descending=desc)
            for name, (column, desc) in spec.items()}


@dataclass(frozen=True)
class PageRequest:
    first: int
    after: Any = None  # the key of the last row seen (``Ordering.key``), or None for the first page


@dataclass
class Page(Generic[Row]):
    rows: list[Row]
    has_next: bool
    ordering: Ordering
    _count: Callable[[], Awaitable[int]] = field(repr=False)

    def key(self, row: Row) -> list[Any]:
        return self.ordering.key(row)

    async def total(self) -> int:
        return await self._count()


def page_statement(statement: Select, ordering: Ordering, request: PageRequest) -> Select:
    """``statement`` from after the request's key, in order, one row more than asked for."""
    sort, ident = ordering.column, ordering.id_column
    if request.after is not None:
        sort_value, id_value = ordering.parse(request.after)
        key = tuple_(sort, ident)
        statement = statement.where(key < (sort_value, id_value) if ordering.descending else key > (sort_value, id_value))
    order = (sort.desc(), ident.desc()) if ordering.descending else (sort.asc(), ident.asc())
    return statement.order_by(*order).limit(request.first + 1)


async def fetch(reader: Reader, statement: Select, ordering: Ordering, request: PageRequest) -> Page:
    """One page of ``statement`` (a select of entities, usually a readable statement narrowed by a filter)."""
    paged = page_statement(statement, ordering, request)  # parses the key even for an empty page
    rows = list(await reader.scalars(paged)) if request.first else []
    counted = select(func.count()).select_from(statement.order_by(None).subquery())

    async def total() -> int:
        return int((await reader.scalars(counted))[0] or 0)

    return Page(rows[:request.first], len(rows) > request.first, ordering, total)


async def fetch_every(list_page: Callable[[PageRequest], Awaitable[Page]], page_size: int = 500) -> list[Any]:
    """Every row of a list, page after page (``list_page(request)``, a package's ``list_…``): for the
    REST lists that answer in one piece, with the same rows and order as the paged ones."""
    rows: list[Any] = []
    after = None
    while True:
        page = await list_page(PageRequest(page_size, after))
        rows += page.rows
        if not page.has_next:
            return rows
        after = page.key(page.rows[-1])


def _json_value(value: Any) -> Any:
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, uuid.UUID):
        return str(value)
    return value


_INT_RANGE = range(-(2**63), 2**63)  # bigint: a larger number would fail in the driver


def _column_value(raw: Any, column: InstrumentedAttribute) -> Any:
    kind = column.type.python_type
    if kind in (datetime, date, uuid.UUID) and not isinstance(raw, str):
        raise TypeError(raw)
    if kind is datetime:
        value = datetime.fromisoformat(raw)
    elif kind is date:
        value = date.fromisoformat(raw)
    elif kind is uuid.UUID:
        return uuid.UUID(raw)
    elif not isinstance(raw, kind) or isinstance(raw, bool) != (kind is bool):
        raise TypeError(raw)
    else:
        value = raw
    if isinstance(value, date) and not calendar.in_range(value):
        raise ValueError(raw)
    if isinstance(value, int) and not isinstance(value, bool) and value not in _INT_RANGE:
        raise ValueError(raw)
    if isinstance(value, str):
        calendar.check_value(value, "after")
    return value
