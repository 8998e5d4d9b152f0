"""Follow-up tasks by id (missing or another city's: ``None``)."""

from __future__ import annotations

from api.graphql.dataloaders.base import ById
from domain.tasks.models import Task


class TaskByIdLoader(ById):
    model = Task
