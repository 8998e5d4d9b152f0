"""SQL that writes a value exactly as Strawberry's serialiser would (the JSON of ``data`` is built in PostgreSQL).

- ``json`` objects and arrays, never ``jsonb``: ``jsonb`` reorders keys, and a GraphQL answer keeps
  the order of the selection.
- Global ids: standard base64 of ``Type:uuid`` with padding (``relay.GlobalID``); PostgreSQL's encoder
  breaks lines every 76 characters, so newlines are removed.
- ``DateTime``: Python's ``isoformat()`` of the driver's UTC value — microseconds only when there are
  some, ``+00:00`` — whatever the session's time zone. ``Date``: ``YYYY-MM-DD``.
- Enums: the stored text is the member's name, which is the GraphQL name (``gql_enum``).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Text, case, cast, extract, func, literal_column
from sqlalchemy.sql.elements import ColumnElement


def lit(text: str) -> ColumnElement[Any]:
    """A string constant written into the statement (names and formats, never a caller's value)."""
    return literal_column("'" + text.replace("'", "''") + "'", Text)


EMPTY_ARRAY = literal_column("'[]'::json")
NEWLINE = literal_column("chr(10)", Text)


def concat(*parts: Any) -> ColumnElement[Any]:
    """``a || b || …``: NULL when any part is (unlike ``concat``)."""
    out = parts[0]
    for part in parts[1:]:
        out = out.op("||")(part)
    return out


def base64(text: Any) -> ColumnElement[Any]:
    return func.replace(func.encode(func.convert_to(text, lit("UTF8")), lit("base64")), NEWLINE, lit(""))


def base64url_unpadded(text: Any) -> ColumnElement[Any]:
    """``base64.urlsafe_b64encode(…).rstrip("=")``."""
    return func.translate(func.encode(func.convert_to(text, lit("UTF8")), lit("base64")),
                          concat(lit("+/="), NEWLINE), lit("-_"))


def base64url(text: Any) -> ColumnElement[Any]:
    """``base64.urlsafe_b64encode(…)`` (padding kept)."""
    return func.translate(func.encode(func.convert_to(text, lit("UTF8")), lit("base64")),
                          concat(lit("+/"), NEWLINE), lit("-_"))


def global_id(type_name: str, column: Any) -> ColumnElement[Any]:
    return base64(concat(lit(type_name + ":"), cast(column, Text)))


def iso_datetime(column: Any) -> ColumnElement[Any]:
    utc = func.timezone(lit("UTC"), column)
    fraction = case((func.mod(extract("microseconds", column), 1000000) != 0, func.to_char(utc, lit(".US"))),
                    else_=lit(""))
    return concat(func.to_char(utc, lit('YYYY-MM-DD"T"HH24:MI:SS')), fraction, lit("+00:00"))


def iso_date(column: Any) -> ColumnElement[Any]:
    return func.to_char(column, lit("YYYY-MM-DD"))


def json_object(pairs: list[tuple[str, Any]]) -> ColumnElement[Any]:
    args: list[Any] = []
    for key, value in pairs:
        args += [lit(key), value]
    return func.json_build_object(*args)
