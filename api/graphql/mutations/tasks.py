"""Follow-up tasks (tasks:write; own-organisation roles only for their organisation's tasks)."""

from __future__ import annotations

from datetime import date

import strawberry
from strawberry.types import Info

from api.graphql.mutations.base import describe, gid, mutate, own_org, raw_id
from api.graphql.mutations.payloads import TaskPayload
from api.graphql.types.tasks import TaskKindEnum, TaskStatusEnum
from domain.access.writes import require_readable
from domain.identity.permissions import Category
from domain.rules import get
from domain.tasks import service as tasks
from domain.tasks.models import Task, TaskKind

T = Category.tasks


@strawberry.input
class CreateTaskInput:
    title: str
    kind: TaskKindEnum = TaskKind.other  # type: ignore[valid-type]
    due_on: date | None = None
    assignee_user_id: strawberry.ID | None = strawberry.field(default=None, description="A user's raw id (a user of this city).")
    assignee_organisation_id: strawberry.ID | None = strawberry.field(default=None, description="Own-organisation roles: theirs.")
    review_id: strawberry.ID | None = None
    person_id: strawberry.ID | None = None
    group_id: strawberry.ID | None = None
    linked_type: str | None = strawberry.field(default=None, description="incident, incident_review, group, person, call_in, "
                                                "custom_notification, enforcement_action, support_case, outreach_activity "
                                                "or task.")
    linked_id: strawberry.ID | None = strawberry.field(default=None, description="The linked record's raw id: a record of "
                                                       "this city of kind `linkedType` that the caller may see.")
    note: str | None = None


@strawberry.input
class SetTaskStatusInput:
    task_id: strawberry.ID
    status: TaskStatusEnum  # type: ignore[valid-type]


@strawberry.type
class TaskMutations:
    @strawberry.mutation(description=describe("Create a follow-up task with an owner (a user or an organisation).", T))
    async def create_task(self, info: Info, input: CreateTaskInput, idempotency_key: str | None = None) -> TaskPayload:
        async def run(s, level):
            linked_id = raw_id(input.linked_id, "linked_id")
            model = tasks.LINKABLE.get(input.linked_type or "")
            if model is not None:  # the linked record must be one the caller may see (unknown kinds: the service)
                await require_readable(s, info.context.viewer, model, linked_id, "linked_id")
            return await tasks.create(
                s, title=input.title, kind=input.kind, due_on=input.due_on,
                assignee_user_id=raw_id(input.assignee_user_id, "assignee_user_id"),
                assignee_organisation_id=own_org(info, level, gid(input.assignee_organisation_id, "Organisation",
                                                                  "assignee_organisation_id"), "assignee_organisation_id"),
                review_id=gid(input.review_id, "IncidentReview", "review_id"),
                person_id=gid(input.person_id, "Person", "person_id"),
                group_id=gid(input.group_id, "Group", "group_id"), linked_type=input.linked_type,
                linked_id=linked_id, note=input.note)

        return await mutate(info, TaskPayload, category=T, operation="createTask", input=input, key=idempotency_key, run=run)

    @strawberry.mutation(description=describe("Change a task's status (done and cancelled are final).", T))
    async def set_task_status(self, info: Info, input: SetTaskStatusInput, idempotency_key: str | None = None) -> TaskPayload:
        async def run(s, level):
            task_id = gid(input.task_id, "Task", "task_id")
            task = await get(s, Task, task_id, "task_id")
            own_org(info, level, task.assignee_organisation_id, "task_id")
            return await tasks.set_status(s, task_id=task_id, status=input.status)

        return await mutate(info, TaskPayload, category=T, operation="setTaskStatus", input=input, key=idempotency_key, run=run)
