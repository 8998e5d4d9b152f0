"""Follow-up tasks: open → in_progress → done, or cancelled; done and cancelled are final."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.callins.models import CallIn
from domain.enforcement.models import EnforcementAction
from domain.groups.models import Group
from domain.identity.models import User
from domain.incidents.models import Incident, IncidentReview
from domain.notifications.models import CustomNotification
from domain.organisations.models import Organisation
from domain.outreach.models import OutreachActivity
from domain.people.models import Person
from domain.rules import STOCKHOLM, get, get_optional, required_text
from domain.support.models import SupportCase
from domain.tasks.models import Task, TaskKind, TaskStatus
from tenants.context import require_tenant_id
from tenants.errors import Conflict, ErrorCollector

# What a task may link to (``linked_type``): the link must name a row of this city, like every reference.
LINKABLE: dict[str, type] = {
    "incident": Incident, "incident_review": IncidentReview, "group": Group, "person": Person, "call_in": CallIn,
    "custom_notification": CustomNotification, "enforcement_action": EnforcementAction, "support_case": SupportCase,
    "outreach_activity": OutreachActivity, "task": Task,
}

TRANSITIONS: dict[TaskStatus, frozenset[TaskStatus]] = {
    TaskStatus.open: frozenset({TaskStatus.in_progress, TaskStatus.done, TaskStatus.cancelled}),
    TaskStatus.in_progress: frozenset({TaskStatus.open, TaskStatus.done, TaskStatus.cancelled}),
    TaskStatus.done: frozenset(),
    TaskStatus.cancelled: frozenset(),
}


async def create(
    session: AsyncSession,
    *,
    title: str,
    kind: TaskKind = TaskKind.other,
    due_on: date | None = None,
    assignee_user_id: uuid.UUID | None = None,
    assignee_organisation_id: uuid.UUID | None = None,
    review_id: uuid.UUID | None = None,
    person_id: uuid.UUID | None = None,
    group_id: uuid.UUID | None = None,
    linked_type: str | None = None,
    linked_id: uuid.UUID | None = None,
    note: str | None = None,
) -> Task:
    errors = ErrorCollector()
    title = required_text(errors, "title", title, 300)
    if assignee_user_id is None and assignee_organisation_id is None:
        errors.add("assignee_organisation_id", "required", "a task has an owner: a user or an organisation")
    if (linked_type is None) != (linked_id is None):
        errors.add("linked_id", "incomplete", "a link names both the kind of record and its id")
    if linked_type is not None and linked_type not in LINKABLE:
        errors.add("linked_type", "unknown", "must be one of " + ", ".join(sorted(LINKABLE)))
    errors.raise_if_any("Cannot create task")
    # Every id must name a row of this city (RLS hides another city's: not found), raw ids included.
    await get_optional(session, User, assignee_user_id, "assignee_user_id")
    if linked_type is not None:
        await get(session, LINKABLE[linked_type], linked_id, "linked_id")
    await get_optional(session, Organisation, assignee_organisation_id, "assignee_organisation_id")
    review = await get_optional(session, IncidentReview, review_id, "review_id")
    await get_optional(session, Person, person_id, "person_id")
    await get_optional(session, Group, group_id, "group_id")
    if review is not None and due_on is not None and due_on < review.held_on:
        raise Conflict.single("due_on", "before_review", "a task from a review is due after the review")
    task = Task(tenant_id=require_tenant_id(), title=title, kind=TaskKind(kind), status=TaskStatus.open, due_on=due_on,
                assignee_user_id=assignee_user_id, assignee_organisation_id=assignee_organisation_id,
                review_id=review_id, person_id=person_id, group_id=group_id, linked_type=linked_type,
                linked_id=linked_id, note=note)
    session.add(task)
    await session.flush()
    return task


async def set_status(session: AsyncSession, *, task_id: uuid.UUID, status: TaskStatus) -> Task:
    status = TaskStatus(status)
    task = await get(session, Task, task_id, "task_id")
    if status not in TRANSITIONS[task.status]:
        reason = (f"the task is {task.status.value} and can no longer change" if not TRANSITIONS[task.status]
                  else f"an {task.status.value} task cannot become {status.value}")
        raise Conflict.single("status", "illegal_transition", reason)
    task.status = status
    task.completed_at = datetime.now(STOCKHOLM) if status is TaskStatus.done else None
    await session.flush()
    return task


async def open_tasks(
    session: AsyncSession, *, assignee_organisation_id: uuid.UUID | None = None, assignee_user_id: uuid.UUID | None = None
) -> list[Task]:
    stmt = select(Task).where(Task.status.in_([TaskStatus.open, TaskStatus.in_progress]))
    if assignee_organisation_id:
        stmt = stmt.where(Task.assignee_organisation_id == assignee_organisation_id)
    if assignee_user_id:
        stmt = stmt.where(Task.assignee_user_id == assignee_user_id)
    return list(await session.scalars(stmt.order_by(Task.due_on.asc().nulls_last(), Task.created_at)))
