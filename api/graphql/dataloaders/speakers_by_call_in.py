"""A call-in's speakers (one query per batch of keys)."""

from __future__ import annotations

from api.graphql.dataloaders.base import ByKey
from domain.callins.models import CallInSpeaker


class SpeakersByCallInLoader(ByKey):
    model = CallInSpeaker
    column = "call_in_id"
    order = ('name', 'id')
