"""Incident reviews by id (missing or another city's: ``None``)."""

from __future__ import annotations

from api.graphql.dataloaders.base import ById
from domain.incidents.models import IncidentReview


class IncidentReviewByIdLoader(ById):
    model = IncidentReview
