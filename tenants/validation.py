"""Every value is checked against its column before the database sees it.

An over-long ``area`` once reached PostgreSQL, failed there, and the driver's error — the INSERT and
its bound parameters — went back to the caller while the whole batch was lost. The limits are read
from the SQLAlchemy models, so a column added tomorrow is checked too:

- ``String(n)``: at most ``n`` characters; ``Text`` and ``String`` without a length: at most
  :data:`TEXT_MAX_LENGTH` (a documented cap: notes and descriptions, not documents);
- ``ARRAY``: at most :data:`ARRAY_MAX_ITEMS` items, each checked as above;
- ``Numeric(p, s)``: finite and below ``10^(p-s)``; ``Integer``/``SmallInteger``/``BigInteger``:
  within the column's range;
- any text: no NUL and no unpaired surrogates (PostgreSQL cannot store them); a name (a column
  whose key ends in ``name``): no control, zero-width or bidirectional formatting characters,
  which can make one name look like another.

The ORM is covered by a ``before_flush`` hook on every session of the platform (:func:`install`);
Core statements call :func:`check_values`. A refusal is :class:`~tenants.errors.ValidationFailed`
naming the column (``too_long``, ``out_of_range``, ``invalid_characters``), and the refused object
is taken out of the session so that nothing of it is written later.
"""

from __future__ import annotations

import decimal
import math
import re
from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import ARRAY, BigInteger, Float, Integer, Numeric, SmallInteger, String, event, inspect
from sqlalchemy.orm import Session
from sqlalchemy.sql.schema import Column

from tenants.errors import ErrorCollector, FieldError, ValidationFailed

TEXT_MAX_LENGTH = 10_000
ARRAY_MAX_ITEMS = 100  # aliases, areas: a documented cap like the text one

_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")
# C0/C1 controls, zero-width characters and bidirectional formatting (LRM/RLM, embeddings,
# overrides, isolates, the Arabic letter mark), the word joiner and invisible operators, the BOM.
_NAME_FORBIDDEN = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
_INT_RANGES = {SmallInteger: 2**15, BigInteger: 2**63, Integer: 2**31}


def _int_bound(column_type: Any) -> int | None:
    for kind, bound in _INT_RANGES.items():  # most specific first: BigInteger is an Integer
        if isinstance(column_type, kind):
            return bound
    return None


def column_error(column: Column, value: Any, field: str | None = None) -> FieldError | None:
    """Why ``value`` cannot go into ``column`` (``None`` when it can)."""
    return _error(column.type, column.key, field or column.key, value)


def _error(kind: Any, key: str, field: str, value: Any) -> FieldError | None:
    if value is None:
        return None
    if isinstance(kind, ARRAY) and isinstance(value, (list, tuple)):
        if len(value) > ARRAY_MAX_ITEMS:
            return FieldError(field, "too_many", f"must have at most {ARRAY_MAX_ITEMS} items (got {len(value)})")
        for i, item in enumerate(value):
            if (error := _error(kind.item_type, key, f"{field}[{i}]", item)) is not None:
                return error
        return None
    if isinstance(value, str) and isinstance(kind, String):
        limit = kind.length or TEXT_MAX_LENGTH
        if len(value) > limit:
            return FieldError(field, "too_long", f"must be at most {limit} characters (got {len(value)})")
        if _UNSTORABLE.search(value):
            return FieldError(field, "invalid_characters", "must not contain NUL characters or unpaired surrogates")
        if key.endswith("name") and _NAME_FORBIDDEN.search(value):
            return FieldError(field, "invalid_characters",
                              "must not contain control, zero-width or bidirectional formatting characters")
        return None
    if isinstance(kind, Numeric) and not isinstance(kind, Float) and isinstance(value, (int, float, decimal.Decimal)):
        number = decimal.Decimal(str(value)) if isinstance(value, float) else decimal.Decimal(value)
        if not number.is_finite():
            return FieldError(field, "out_of_range", "must be a finite number")
        if kind.precision is not None:
            digits = kind.precision - (kind.scale or 0)
            if abs(number) >= decimal.Decimal(10) ** digits:
                return FieldError(field, "out_of_range", f"must be less than {10 ** digits}")
        return None
    if isinstance(value, int) and not isinstance(value, bool) and (bound := _int_bound(kind)) is not None:
        if not -bound <= value < bound:
            return FieldError(field, "out_of_range", f"must be between {-bound} and {bound - 1}")
    if isinstance(value, float) and not math.isfinite(value):
        return FieldError(field, "out_of_range", "must be a finite number")
    return None


def check_text(field: str, value: str, limit: int) -> None:
    """Refuse text that is stored in another form (encrypted) and so has no column to check it."""
    if len(value) > limit:
        raise ValidationFailed.single(field, "too_long", f"must be at most {limit} characters (got {len(value)})")
    if _UNSTORABLE.search(value):
        raise ValidationFailed.single(field, "invalid_characters", "must not contain NUL characters or unpaired surrogates")


def check_values(model: Any, values: Mapping[str, Any]) -> None:
    """Refuse values for a Core ``insert``/``update`` of ``model`` that its columns cannot hold."""
    table = model.__table__ if hasattr(model, "__table__") else model
    errors = ErrorCollector()
    for key, value in values.items():
        column = table.columns.get(key)
        if column is not None and (error := column_error(column, value)) is not None:
            errors.errors.append(error)
    errors.raise_if_any()


def _object_errors(obj: Any, *, new: bool) -> list[FieldError]:
    state = inspect(obj)
    mapper = state.mapper
    errors = []
    for prop in mapper.column_attrs:
        if len(prop.columns) != 1 or not isinstance(prop.columns[0], Column):
            continue
        if new:
            values: Iterable[Any] = [state.dict.get(prop.key)]
        else:
            values = state.attrs[prop.key].history.added or ()
        for value in values:
            if (error := column_error(prop.columns[0], value, prop.key)) is not None:
                errors.append(error)
    return errors


def _before_flush(session: Session, flush_context: Any, instances: Any) -> None:
    errors: list[FieldError] = []
    for obj in list(session.new):
        if found := _object_errors(obj, new=True):
            errors += found
            session.expunge(obj)  # refused: nothing of it may be written by a later flush
    for obj in list(session.dirty):
        if found := _object_errors(obj, new=False):
            errors += found
            session.expire(obj)  # its pending changes are discarded with it
    if errors:
        detail = "; ".join(f"{e.field}: {e.message}" for e in errors)
        raise ValidationFailed(f"Validation failed: {detail}", errors)


def install(session_class: type[Session]) -> None:
    if not event.contains(session_class, "before_flush", _before_flush):
        event.listen(session_class, "before_flush", _before_flush)
