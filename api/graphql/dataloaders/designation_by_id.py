"""Designations (at risk, focus list) by id (missing or another city's: ``None``)."""

from __future__ import annotations

from api.graphql.dataloaders.base import ById
from domain.people.models import Designation


class DesignationByIdLoader(ById):
    model = Designation
