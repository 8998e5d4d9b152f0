"""Incidents, their links and reviews: ``incidents`` for all rows (no own-organisation share)."""

from __future__ import annotations

from domain.access.readable import register
from domain.identity.permissions import Category
from domain.incidents.models import (
    GroupInvolvementAssessment,
    Incident,
    IncidentGroup,
    IncidentPerson,
    IncidentReview,
    ReviewDecision,
)

for _model in (Incident, IncidentGroup, IncidentPerson, GroupInvolvementAssessment, IncidentReview, ReviewDecision):
    register(_model, Category.incidents)
