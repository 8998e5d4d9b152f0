"""Enforcement actions and who and what they concern are police intelligence: ``enforcement``."""

from __future__ import annotations

from domain.access.readable import register
from domain.enforcement.models import EnforcementAction, EnforcementIncident, EnforcementPerson
from domain.identity.permissions import Category

for _model in (EnforcementAction, EnforcementPerson, EnforcementIncident):
    register(_model, Category.enforcement)
