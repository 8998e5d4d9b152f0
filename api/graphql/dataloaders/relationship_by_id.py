"""Relationships between groups by id (missing or another city's: ``None``)."""

from __future__ import annotations

from api.graphql.dataloaders.base import ById
from domain.groups.models import GroupRelationship


class RelationshipByIdLoader(ById):
    model = GroupRelationship
