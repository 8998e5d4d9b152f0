"""Group memberships by id (missing or another city's: ``None``)."""

from __future__ import annotations

from api.graphql.dataloaders.base import ById
from domain.people.models import GroupMembership


class MembershipByIdLoader(ById):
    model = GroupMembership
