"""Enforcement actions by id (missing or another city's: ``None``)."""

from __future__ import annotations

from api.graphql.dataloaders.base import ById
from domain.enforcement.models import EnforcementAction


class EnforcementActionByIdLoader(ById):
    model = EnforcementAction
