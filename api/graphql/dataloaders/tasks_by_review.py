"""The tasks a review produced (one query per batch of keys)."""

from __future__ import annotations

from api.graphql.dataloaders.base import ByKey
from domain.tasks.models import Task


class TasksByReviewLoader(ByKey):
    model = Task
    column = "review_id"
    order = ('created_at', 'id')
