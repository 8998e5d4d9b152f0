"""One way to narrow a list: a filter is a mapping of conditions, not a chain of ``if f.x is not None``.

A package names, per list, which filter field narrows how (``FILTERS = {"occurred_from":
at_least(Incident.occurred_at), …}``); ``narrow`` applies the set ones to the entity's readable
statement. Unset means ``None``, an empty string or an empty list; a condition may return ``None``
itself for a value that asks for nothing (a false "only open" flag). The order and keyset page over
the result is ``domain.access.paging``; each package's ``list_…`` puts the two together.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from sqlalchemy import ColumnElement, Select, any_, or_

Condition = Callable[[Any], ColumnElement[bool] | None]


def narrow(statement: Select, values: Mapping[str, Any] | None, conditions: Mapping[str, Condition]) -> Select:
    """``statement`` with the condition of every set value (names without a condition are refused)."""
    for name, value in (values or {}).items():
        if value is None or value == "" or value == []:
            continue
        clause = conditions[name](value)
        if clause is not None:
            statement = statement.where(clause)
    return statement


def equals(column: Any) -> Condition:
    return lambda value: column == value


def is_(column: Any) -> Condition:
    return lambda value: column.is_(value)


def one_of(column: Any) -> Condition:
    return lambda values: column.in_(values)


def at_least(column: Any) -> Condition:
    return lambda value: column >= value


def at_most(column: Any) -> Condition:
    return lambda value: column <= value


def before(column: Any) -> Condition:
    return lambda value: column < value


def holds(column: Any) -> Condition:
    """An array column holding the value."""
    return lambda value: value == any_(column)


def contains_text(*columns: Any) -> Condition:
    """A case-insensitive substring of any of ``columns`` (``%`` and ``_`` match themselves)."""
    def condition(text: str) -> ColumnElement[bool]:
        pattern = "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        return or_(*(column.ilike(pattern) for column in columns))

    return condition


def flag(clause: ColumnElement[bool]) -> Condition:
    """A yes/no filter: ``clause`` when asked for, nothing otherwise."""
    return lambda value: clause if value else None
