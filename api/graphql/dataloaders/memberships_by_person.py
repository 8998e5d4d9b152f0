"""A person's group memberships, oldest first (one query per batch of keys)."""

from __future__ import annotations

from api.graphql.dataloaders.base import ByKey
from domain.people.models import GroupMembership


class MembershipsByPersonLoader(ByKey):
    model = GroupMembership
    column = "person_id"
    order = ('started_on', 'id')
