"""Consents recorded for a support case (one query per batch of keys)."""

from __future__ import annotations

from api.graphql.dataloaders.base import ByKey
from domain.support.models import Consent


class ConsentsByCaseLoader(ByKey):
    model = Consent
    column = "case_id"
    order = ('recorded_on', 'created_at', 'id')
