"""A person's support cases, oldest first (one query per batch of keys)."""

from __future__ import annotations

from api.graphql.dataloaders.base import ByKey
from domain.support.models import SupportCase


class SupportCasesByPersonLoader(ByKey):
    model = SupportCase
    column = "person_id"
    order = ('created_at', 'id')
