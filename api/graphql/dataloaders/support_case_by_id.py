"""Support cases by id (missing or another city's: ``None``)."""

from __future__ import annotations

from api.graphql.dataloaders.base import ById
from domain.support.models import SupportCase


class SupportCaseByIdLoader(ById):
    model = SupportCase
