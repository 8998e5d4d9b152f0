"""What a review decided (one query per batch of keys)."""

from __future__ import annotations

from api.graphql.dataloaders.base import ByKey
from domain.incidents.models import ReviewDecision


class DecisionsByReviewLoader(ByKey):
    model = ReviewDecision
    column = "review_id"
    order = ('id',)
