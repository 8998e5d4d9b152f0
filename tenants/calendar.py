"""The calendar the platform works in, and the guard that keeps everything else from the driver.

asyncpg sends ``date.min``/``date.max`` (and the ``datetime`` extremes) as ``-infinity``/``infinity``:
a ``generate_series`` or a range scan over them never ends, and a value with an offset at the edge
of the calendar overflows in the driver. Every API checks its own dates (naming the field); this
guard, registered on every engine, is the last line: no statement is sent with a date outside
:data:`EARLIEST` … :data:`LATEST`, or with a string PostgreSQL cannot store (NUL, lone surrogates).
It raises :class:`~tenants.errors.ValidationFailed` before anything reaches the server.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Engine

from tenants.errors import ValidationFailed

EARLIEST = date(1900, 1, 1)
LATEST = date(2100, 12, 31)

_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


def in_range(value: date) -> bool:
    day = value.date() if isinstance(value, datetime) else value
    return EARLIEST <= day <= LATEST


def check_value(value: Any, field: str = "value") -> None:
    """Refuse one value the database must never see (dates out of range, unstorable text)."""
    if isinstance(value, date):
        if not in_range(value):
            raise ValidationFailed.single(
                field, "out_of_range", f"dates must be between {EARLIEST.isoformat()} and {LATEST.isoformat()}")
    elif isinstance(value, str):
        if _UNSTORABLE.search(value):
            raise ValidationFailed.single(
                field, "invalid_characters", "must not contain NUL characters or unpaired surrogates")
    elif isinstance(value, (list, tuple)):
        for item in value:
            check_value(item, field)


def _check_parameters(parameters: Any) -> None:
    if isinstance(parameters, Mapping):
        for value in parameters.values():
            check_value(value)
    elif isinstance(parameters, Iterable) and not isinstance(parameters, (str, bytes)):
        for value in parameters:
            if isinstance(value, (Mapping, list, tuple)) and not isinstance(value, str):
                _check_parameters(value)  # executemany: one set of parameters per row
            else:
                check_value(value)


def _before_cursor_execute(conn, cursor, statement, parameters, context, executemany) -> None:
    if parameters:
        _check_parameters(parameters)


def install(engine: Engine) -> None:
    """Guard every statement of ``engine`` (a sync engine; pass ``AsyncEngine.sync_engine``)."""
    if not event.contains(engine, "before_cursor_execute", _before_cursor_execute):
        event.listen(engine, "before_cursor_execute", _before_cursor_execute)
