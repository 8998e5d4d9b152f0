"""Call-ins, their speakers and clients: ``callins`` for all rows."""

from __future__ import annotations

from domain.access.readable import register
from domain.callins.models import CallIn, CallInClient, CallInSpeaker
from domain.identity.permissions import Category

for _model in (CallIn, CallInSpeaker, CallInClient):
    register(_model, Category.callins)
