"""Helpers for Relay ids: the raw part of a global id is a UUID; anything else is simply not found."""

from __future__ import annotations

import uuid
from collections.abc import Iterable


def parse_uuids(raw_ids: Iterable[str]) -> list[uuid.UUID | None]:
    parsed: list[uuid.UUID | None] = []
    for raw in raw_ids:
        try:
            parsed.append(uuid.UUID(str(raw)))
        except ValueError:
            parsed.append(None)
    return parsed
