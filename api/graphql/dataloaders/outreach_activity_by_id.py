"""Outreach activities by id (missing or another city's: ``None``)."""

from __future__ import annotations

from api.graphql.dataloaders.base import ById
from domain.outreach.models import OutreachActivity


class OutreachActivityByIdLoader(ById):
    model = OutreachActivity
