"""Relay connections over a domain page (``domain.access.paging``): the cursor and the Relay shapes.

A cursor is opaque to clients: base64url of the JSON key ``[ordering, sort value, id]`` of the last row
seen. Ordering and keyset paging are the domain's; this module only wraps a key for the wire and reads
it back. ``totalCount`` costs a separate count and runs only when it is selected.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Awaitable, Callable
from typing import Any, Generic, TypeVar

import strawberry

from api.graphql.errors import GraphQLRefusal
from domain.access.paging import BadKey, Page, PageRequest

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


MAX_CURSOR_LENGTH = 1024  # far longer than any cursor this API returns


def encode_cursor(key: list[Any]) -> str:
    raw = json.dumps(key, separators=(",", ":"))
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def decode_cursor(cursor: str) -> Any:
    """The key inside a cursor (checked against its ordering by the domain's page)."""
    try:
        if len(cursor) > MAX_CURSOR_LENGTH:
            raise ValueError("too long")
        padded = cursor + "=" * (-len(cursor) % 4)
        return json.loads(base64.urlsafe_b64decode(padded.encode("ascii")))
    except (ValueError, TypeError, binascii.Error, UnicodeError, RecursionError) as exc:
        raise GraphQLRefusal("after: not a cursor returned by this API", "BAD_CURSOR") from exc


def page_request(first: int, after: str | None) -> PageRequest:
    return PageRequest(first=first, after=decode_cursor(after) if after else None)


async def connection(fetch: Callable[[PageRequest], Awaitable[Page]], first: int, after: str | None,
                     to_node: Callable[[Any], NodeType]) -> Connection[NodeType]:
    """The Relay connection of one domain page (``fetch`` runs the package's ``list_…``)."""
    try:
        page = await fetch(page_request(first, after))
    except BadKey as bad:
        if bad.ordering is not None:
            raise GraphQLRefusal(f"after: this cursor belongs to ordering {bad.ordering}, not {bad.expected}",
                                 "BAD_CURSOR") from None
        raise GraphQLRefusal("after: not a cursor returned by this API", "BAD_CURSOR") from None
    edges = [Edge(node=to_node(row), cursor=encode_cursor(page.key(row))) for row in page.rows]
    return Connection(edges=edges, page_info=PageInfo(has_next_page=page.has_next,
                                                      end_cursor=edges[-1].cursor if edges else after),
                      _count=page.total)

