"""A support case's status history (one query per batch of keys)."""

from __future__ import annotations

from api.graphql.dataloaders.base import ByKey
from domain.support.models import SupportTransition


class TransitionsByCaseLoader(ByKey):
    model = SupportTransition
    column = "case_id"
    order = ('occurred_on', 'created_at', 'id')
