"""A person's close persons (links) (one query per batch of keys)."""

from __future__ import annotations

from api.graphql.dataloaders.base import ByKey
from domain.people.models import ClosePerson


class ClosePersonsByPersonLoader(ByKey):
    model = ClosePerson
    column = "person_id"
    order = ('created_at', 'id')
