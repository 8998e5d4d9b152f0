"""Tasks in the lifecycle: subject access to the tasks about a person; finished tasks erased after a while."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.identity.permissions import Category
from domain.lifecycle.collect import row
from domain.lifecycle.registry import Candidate, Eraser, register_collector, register_eraser
from domain.tasks.models import Task, TaskStatus


async def collect_tasks(session: AsyncSession, person_id: uuid.UUID) -> list[dict]:
    stmt = select(Task).where(Task.person_id == person_id).order_by(Task.due_on, Task.id)
    return [row(t) for t in await session.scalars(stmt)]


async def tasks_due(session: AsyncSession, cutoff: datetime) -> list[Candidate]:
    # work items, not events: finished ones go; no figure counts them
    stmt = (select(Task.id, Task.completed_at).where(Task.status == TaskStatus.done, Task.completed_at < cutoff)
            .order_by(Task.id))
    return [Candidate("task", r.id, r.completed_at) for r in (await session.execute(stmt)).all()]


async def erase_task(session: AsyncSession, candidate: Candidate) -> dict:
    n = (await session.execute(delete(Task).where(Task.id == candidate.object_id))).rowcount
    return {"tasks": n} if n else {}


register_collector("tasks", collect_tasks)
register_eraser(Eraser(Category.tasks, "tasks", candidates=tasks_due, erase=erase_task))
