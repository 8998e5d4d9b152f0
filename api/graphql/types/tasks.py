"""Follow-up tasks with an owner, a due date and a linked record. Own-organisation roles see only
tasks assigned to their organisation."""

from __future__ import annotations

import enum
import uuid
from datetime import date, datetime
from typing import Any

import strawberry
from strawberry import relay
from strawberry.types import Info

from api.graphql.permissions import Requires
from api.graphql.types.base import Loaded, gql_enum
from api.graphql.types.callins import organisation
from api.graphql.types.groups import GroupNode, group
from api.graphql.types.organisation import OrganisationNode
from api.graphql.types.people import PersonNode, person
from domain.identity.permissions import Category
from domain.tasks.models import Task as TaskRow
from domain.tasks.models import TaskKind, TaskStatus

TaskKindEnum = gql_enum(TaskKind)
TaskStatusEnum = gql_enum(TaskStatus, "open → in_progress → done, or cancelled (done and cancelled are final).")


@strawberry.type(name="Task", description="A follow-up task. Requires tasks:read.")
class TaskNode(Loaded, relay.Node):
    _model = TaskRow
    _category = Category.tasks
    _computed = ("assignee_user_id", "linked_id")
    _private = ("assignee_organisation_id", "person_id", "group_id")

    id: relay.NodeID[str]
    title: str
    kind: TaskKindEnum  # type: ignore[valid-type]
    status: TaskStatusEnum  # type: ignore[valid-type]
    due_on: date | None
    assignee_user_id: str | None = strawberry.field(description="The assigned user's id, if a user owns it.")
    linked_type: str | None = strawberry.field(description="The kind of linked record (e.g. incident, support_case).")
    linked_id: str | None = strawberry.field(description="The linked record's raw id.")
    note: str | None
    completed_at: datetime | None
    created_at: datetime
    assignee_organisation_id: strawberry.Private[uuid.UUID | None]
    person_id: strawberry.Private[uuid.UUID | None]
    group_id: strawberry.Private[uuid.UUID | None]

    @classmethod
    def extra(cls, row: Any) -> dict[str, Any]:
        return {"assignee_user_id": str(row.assignee_user_id) if row.assignee_user_id else None,
                "linked_id": str(row.linked_id) if row.linked_id else None}

    @strawberry.field(description="The owning organisation.")
    async def assignee_organisation(self, info: Info) -> OrganisationNode | None:
        return await organisation(info, self.assignee_organisation_id)

    @strawberry.field(extensions=[Requires(Category.people)])
    async def person(self, info: Info) -> PersonNode | None:
        return await person(info, self.person_id)

    @strawberry.field(description="Requires groups:read.", extensions=[Requires(Category.groups)])
    async def group(self, info: Info) -> GroupNode | None:
        return await group(info, self.group_id)


@strawberry.input(description="Narrows `tasks`.")
class TaskFilter:
    status: TaskStatusEnum | None = None  # type: ignore[valid-type]
    kind: TaskKindEnum | None = None  # type: ignore[valid-type]
    open_only: bool = strawberry.field(default=False, description="Only open and in-progress tasks.")
    due_before: date | None = None


@strawberry.enum(description="Orderings of `tasks`.")
class TaskOrder(enum.Enum):
    DUE_ON = "due_on"
    CREATED_AT_DESC = "created_at_desc"
