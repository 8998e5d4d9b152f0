"""Incidents by id (missing or another city's: ``None``)."""

from __future__ import annotations

from api.graphql.dataloaders.base import ById
from domain.incidents.models import Incident


class IncidentByIdLoader(ById):
    model = Incident
