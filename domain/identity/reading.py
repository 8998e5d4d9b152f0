"""The city's accounts and API clients as lists: ``administration`` (the city's coordinator)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import Select

from domain.access.listing import Condition, equals, narrow
from domain.access.paging import Page, PageRequest, Reader, fetch, orderings
from domain.access.readable import readable, register
from domain.access.viewer import Viewer
from domain.identity.models import ApiClient, User
from domain.identity.permissions import Category

for _model in (User, ApiClient):
    register(_model, Category.administration)

USER_FILTERS: dict[str, Condition] = {"role": equals(User.role), "status": equals(User.status)}
USER_ORDERS = orderings(User, {"username": ("username", False)})
API_CLIENT_ORDERS = orderings(ApiClient, {"created_at": ("created_at", False)})


def users(viewer: Viewer, filters: Mapping[str, Any] | None = None) -> Select:
    return narrow(readable(User, viewer), filters, USER_FILTERS)


async def list_users(reader: Reader, viewer: Viewer, filters: Mapping[str, Any] | None, order: str,
                     page: PageRequest) -> Page:
    """A page of ``users`` in ``order`` (username)."""
    return await fetch(reader, users(viewer, filters), USER_ORDERS[order], page)


async def list_api_clients(reader: Reader, viewer: Viewer, order: str, page: PageRequest) -> Page:
    """A page of the city's API clients in ``order`` (created_at: oldest first)."""
    return await fetch(reader, readable(ApiClient, viewer), API_CLIENT_ORDERS[order], page)
