"""Timelines of a person or a group (``domain.timeline``): every event in order, by keyset."""

from __future__ import annotations

from datetime import datetime

import strawberry

from api.graphql.pagination import PageInfo
from domain.timeline.service import TimelineEvent as Event
from domain.timeline.service import TimelinePage, encode_cursor


@strawberry.type(description="One event of a timeline: when, what kind (incident, membership_started, call_in, "
                             "support_started, …), a short title and the record it concerns.")
class TimelineEvent:
    at: datetime
    kind: str
    title: str
    ref_id: str | None = strawberry.field(description="The raw id (UUID) of the record the event concerns.")


@strawberry.type
class TimelineEdge:
    node: TimelineEvent
    cursor: str


@strawberry.type(description="A page of a timeline, oldest first. Pass `endCursor` as `after` for the next page.")
class TimelineConnection:
    edges: list[TimelineEdge]
    page_info: PageInfo


def to_connection(page: TimelinePage, after: str | None) -> TimelineConnection:
    edges = [TimelineEdge(node=_event(e), cursor=encode_cursor(e)) for e in page.events]
    return TimelineConnection(
        edges=edges,
        page_info=PageInfo(has_next_page=page.next_cursor is not None, end_cursor=edges[-1].cursor if edges else after),
    )


def _event(e: Event) -> TimelineEvent:
    return TimelineEvent(at=e.at, kind=e.kind, title=e.title, ref_id=str(e.ref_id) if e.ref_id else None)


EMPTY = TimelineConnection(edges=[], page_info=PageInfo(has_next_page=False, end_cursor=None))
