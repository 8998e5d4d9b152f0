"""Follow-up tasks: ``tasks``; an own-organisation viewer sees the tasks assigned to its organisation."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from typing import Any

from sqlalchemy import ColumnElement, Select, and_

from domain.access.listing import Condition, equals, flag, narrow
from domain.access.paging import Page, PageRequest, Reader, fetch, orderings
from domain.access.readable import readable, register
from domain.access.viewer import Viewer
from domain.identity.permissions import Category
from domain.tasks.models import Task, TaskStatus


def assigned_to(organisation_id: uuid.UUID) -> ColumnElement[bool]:
    return Task.assignee_organisation_id == organisation_id


register(Task, Category.tasks, own_organisation=assigned_to)



TASK_FILTERS: dict[str, Condition] = {
    "status": equals(Task.status), "kind": equals(Task.kind),
    "open_only": flag(Task.status.in_([TaskStatus.open, TaskStatus.in_progress])),
    "due_before": lambda day: and_(Task.due_on.is_not(None), Task.due_on < day),
}


def tasks(viewer: Viewer, filters: Mapping[str, Any] | None = None) -> Select:
    return narrow(readable(Task, viewer), filters, TASK_FILTERS)


TASK_ORDERS = orderings(Task, {"due_on": ("due_on", False), "created_at_desc": ("created_at", True)})


async def list_tasks(reader: Reader, viewer: Viewer, filters: Mapping[str, Any] | None, order: str,
                     page: PageRequest) -> Page:
    """A page of ``tasks`` in ``order`` (due_on, created_at_desc)."""
    statement = tasks(viewer, filters)
    if order == "due_on":
        statement = statement.where(Task.due_on.is_not(None))  # keyset paging needs a non-null key
    return await fetch(reader, statement, TASK_ORDERS[order], page)
