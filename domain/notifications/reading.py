"""Custom notifications: ``notifications`` for all rows."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import Select

from domain.access.listing import Condition, at_least, at_most, equals, narrow
from domain.access.paging import Page, PageRequest, Reader, fetch, orderings
from domain.access.readable import readable, register
from domain.access.viewer import Viewer
from domain.identity.permissions import Category
from domain.notifications.models import CustomNotification, NotificationOrganisation

for _model in (CustomNotification, NotificationOrganisation):
    register(_model, Category.notifications)



NOTIFICATION_FILTERS: dict[str, Condition] = {
    "outcome": equals(CustomNotification.outcome), "delivered_from": at_least(CustomNotification.delivered_on),
    "delivered_to": at_most(CustomNotification.delivered_on), "person_id": equals(CustomNotification.person_id),
}


def custom_notifications(viewer: Viewer, filters: Mapping[str, Any] | None = None) -> Select:
    return narrow(readable(CustomNotification, viewer), filters, NOTIFICATION_FILTERS)


NOTIFICATION_ORDERS = orderings(CustomNotification, {"delivered_on_desc": ("delivered_on", True), "delivered_on": ("delivered_on", False)})


async def list_custom_notifications(reader: Reader, viewer: Viewer, filters: Mapping[str, Any] | None, order: str,
                                    page: PageRequest) -> Page:
    """A page of ``custom_notifications`` in ``order`` (delivered_on_desc, delivered_on)."""
    return await fetch(reader, custom_notifications(viewer, filters), NOTIFICATION_ORDERS[order], page)
