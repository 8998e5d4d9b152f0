"""Follow-up tasks: ``tasks``; an own-organisation viewer sees the tasks assigned to its organisation."""

from __future__ import annotations

import uuid

from sqlalchemy import ColumnElement

from domain.access.readable import register
from domain.identity.permissions import Category
from domain.tasks.models import Task


def assigned_to(organisation_id: uuid.UUID) -> ColumnElement[bool]:
    return Task.assignee_organisation_id == organisation_id


register(Task, Category.tasks, own_organisation=assigned_to)
