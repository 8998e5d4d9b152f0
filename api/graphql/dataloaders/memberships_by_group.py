"""A group's memberships, oldest first (one query per batch of keys)."""

from __future__ import annotations

from api.graphql.dataloaders.base import ByKey
from domain.people.models import GroupMembership


class MembershipsByGroupLoader(ByKey):
    model = GroupMembership
    column = "group_id"
    order = ('started_on', 'id')
