"""Call-ins by id (missing or another city's: ``None``)."""

from __future__ import annotations

from api.graphql.dataloaders.base import ById
from domain.callins.models import CallIn


class CallInByIdLoader(ById):
    model = CallIn
