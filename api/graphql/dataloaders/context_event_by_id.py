"""Context events by id (missing or another city's: ``None``)."""

from __future__ import annotations

from api.graphql.dataloaders.base import ById
from domain.programme.models import ContextEvent


class ContextEventByIdLoader(ById):
    model = ContextEvent
