"""A call-in's invited clients (one query per batch of keys)."""

from __future__ import annotations

from api.graphql.dataloaders.base import ByKey
from domain.callins.models import CallInClient


class ClientsByCallInLoader(ByKey):
    model = CallInClient
    column = "call_in_id"
    order = ('id',)
