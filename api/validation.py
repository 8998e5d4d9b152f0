"""Typed REST inputs that refuse what the database cannot hold, naming the field (422).

The database-side guard (``tenants.calendar``) is the last line and cannot say which field a value
came from; these types refuse the same values where the field is known.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Annotated

from fastapi import Path
from pydantic import AfterValidator, StringConstraints

from tenants.calendar import EARLIEST, LATEST, in_range

_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


def _storable(value: str) -> str:
    if _UNSTORABLE.search(value):
        raise ValueError("must not contain NUL characters or unpaired surrogates")
    return value


def _in_calendar(value: datetime) -> datetime:
    if not in_range(value):
        raise ValueError(f"must be between {EARLIEST.isoformat()} and {LATEST.isoformat()}")
    return value


def Text(max_length: int = 200) -> type[str]:  # noqa: N802 - reads as a type in annotations
    """A string of at most ``max_length`` characters that PostgreSQL can store."""
    return Annotated[str, StringConstraints(max_length=max_length), AfterValidator(_storable)]  # type: ignore[return-value]


CalendarDateTime = Annotated[datetime, AfterValidator(_in_calendar)]

# A city's slug as a path parameter: anything else cannot name a city (404 would hide a typo less well).
SlugPath = Annotated[str, Path(pattern=r"^[a-z][a-z0-9-]{1,39}$", description="The city's slug, e.g. malmo.")]
