"""Relay connections over any SQLAlchemy select, paged by keyset (never OFFSET).

A cursor is opaque to clients: base64url of ``[ordering, sort value, id]`` of the last row seen.
The next page is ``WHERE (sort, id) > (:sort, :id) ORDER BY sort, id LIMIT first + 1`` — as fast on
page 1,000 as on page 1, and stable while rows are inserted. The extra row tells whether there is a
next page. ``totalCount`` costs a separate count and runs only when it is selected.
"""

from __future__ import annotations

import base64
import binascii
import json
import uuid
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Generic, TypeVar

import strawberry
from sqlalchemy import Select, func, select, tuple_
from sqlalchemy.orm import InstrumentedAttribute

from api.graphql.errors import GraphQLRefusal
from tenants import calendar
from tenants.errors import ValidationFailed

NodeType = TypeVar("NodeType")


@strawberry.type(description="Where a page ends. Pass `endCursor` as `after` to get the next page.")
class PageInfo:
    has_next_page: bool
    end_cursor: str | None


@strawberry.type
class Edge(Generic[NodeType]):
    node: NodeType
    cursor: str


@strawberry.type(description="A page of results, in a stable order, with keyset cursors.")
class Connection(Generic[NodeType]):
    edges: list[Edge[NodeType]]
    page_info: PageInfo
    _count: strawberry.Private[Callable[[], Awaitable[int]]]

    @strawberry.field(description="All matching items (a separate count: select it only when needed).")
    async def total_count(self) -> int:
        return await self._count()


@dataclass(frozen=True)
class Ordering:
    """A sort key for keyset paging: ``column`` then the unique ``id`` as tie-breaker, one direction."""

    name: str
    column: InstrumentedAttribute
    id_column: InstrumentedAttribute
    descending: bool = False


def _encode_value(value: Any) -> Any:
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, uuid.UUID):
        return str(value)
    return value


_INT_RANGE = range(-(2**63), 2**63)  # bigint: a larger number would fail in the driver


def _decode_value(raw: Any, column: InstrumentedAttribute) -> Any:
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


MAX_CURSOR_LENGTH = 1024  # far longer than any cursor this API returns


def encode_cursor(ordering: Ordering, sort_value: Any, id_value: Any) -> str:
    raw = json.dumps([ordering.name, _encode_value(sort_value), _encode_value(id_value)], separators=(",", ":"))
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def decode_cursor(cursor: str, ordering: Ordering) -> tuple[Any, Any]:
    try:
        if len(cursor) > MAX_CURSOR_LENGTH:
            raise ValueError("too long")
        padded = cursor + "=" * (-len(cursor) % 4)
        name, sort_raw, id_raw = json.loads(base64.urlsafe_b64decode(padded.encode("ascii")))
        if name != ordering.name:
            if not isinstance(name, str) or len(name) > 40 or not name.isidentifier():
                raise TypeError(name)
            raise GraphQLRefusal(f"after: this cursor belongs to ordering {name}, not {ordering.name}", "BAD_CURSOR")
        return _decode_value(sort_raw, ordering.column), _decode_value(id_raw, ordering.id_column)
    except GraphQLRefusal:
        raise
    except (ValueError, TypeError, binascii.Error, UnicodeError, RecursionError, ValidationFailed) as exc:
        raise GraphQLRefusal("after: not a cursor returned by this API", "BAD_CURSOR") from exc


async def paginate(
    run: Callable[[Any], Awaitable[Sequence[Any]]],
    count: Callable[[Any], Awaitable[int]],
    statement: Select,
    *,
    ordering: Ordering,
    first: int,
    after: str | None,
    to_node: Callable[[Any], NodeType],
) -> Connection[NodeType]:
    """One page of ``statement`` (a select of ORM entities). ``run`` executes a select and returns
    its scalars; ``count`` executes a count select (both through the request's session)."""
    page = statement
    sort, ident = ordering.column, ordering.id_column
    if after:
        sort_value, id_value = decode_cursor(after, ordering)
        key = tuple_(sort, ident)
        page = page.where(key < (sort_value, id_value) if ordering.descending else key > (sort_value, id_value))
    order = (sort.desc(), ident.desc()) if ordering.descending else (sort.asc(), ident.asc())
    rows = list(await run(page.order_by(*order).limit(first + 1))) if first else []
    has_next = len(rows) > first
    rows = rows[:first]
    edges = [
        Edge(node=to_node(row), cursor=encode_cursor(ordering, getattr(row, sort.key), getattr(row, ident.key)))
        for row in rows
    ]
    counted = select(func.count()).select_from(statement.order_by(None).subquery())

    async def total() -> int:
        return await count(counted)

    return Connection(
        edges=edges,
        page_info=PageInfo(has_next_page=has_next, end_cursor=edges[-1].cursor if edges else after),
        _count=total,
    )
