"""``Date``, ``DateTime`` and ``Decimal`` with the bounds of the programme's calendar and columns.

Strawberry's own scalars accept any ISO value, ``0001-01-01`` and ``9999-12-31`` included; the
driver sends those as ``-infinity``/``infinity`` and a period series over them never ends. Every
date the platform stores or filters on lies within :data:`tenants.calendar.EARLIEST` …
:data:`tenants.calendar.LATEST`, so anything outside is the caller's mistake, refused while the
request is validated (``BAD_USER_INPUT``), before a resolver runs. The names and the wire format
are unchanged (``schema.graphql`` keeps ``scalar Date`` / ``DateTime`` / ``Decimal``).
"""

from __future__ import annotations

import datetime as dt
import decimal

import dateutil.parser
from graphql.language import FloatValueNode, IntValueNode, StringValueNode, ValueNode
from strawberry.exceptions import StrawberryInputCoercionError
from strawberry.types.scalar import ScalarDefinition

from tenants.calendar import EARLIEST, LATEST

# Decimals: finite, at most 15 integer digits and 6 decimal places — wider than any numeric column,
# narrow enough that ``1e-999999`` or ``1e999999`` never reach the database (columns check the rest).
_MAX_DECIMAL = decimal.Decimal("1e15")
_MIN_EXPONENT = -6

_RANGE = f"between {EARLIEST.isoformat()} and {LATEST.isoformat()}"


def _refuse(message: str) -> StrawberryInputCoercionError:
    return StrawberryInputCoercionError(message, extensions={"code": "BAD_USER_INPUT"})


def _text(value: object, kind: str) -> str:
    if not isinstance(value, str):
        raise _refuse(f"{kind} must be an ISO 8601 string, not {type(value).__name__}")
    if len(value) > 64:  # longer than any ISO date-time: don't echo or parse it
        raise _refuse(f"{kind} must be an ISO 8601 string (at most 64 characters)")
    return value


def parse_date(value: object) -> dt.date:
    text = _text(value, "Date")
    try:
        parsed = dt.date.fromisoformat(text)
    except ValueError:
        raise _refuse(f'Date must be an ISO 8601 date like 2019-11-11, not "{text}"') from None
    if not EARLIEST <= parsed <= LATEST:
        raise _refuse(f"Date {text} is out of range: dates must be {_RANGE}")
    return parsed


def parse_datetime(value: object) -> dt.datetime:
    text = _text(value, "DateTime")
    try:
        parsed = dateutil.parser.isoparse(text)
    except (ValueError, OverflowError):
        raise _refuse(f'DateTime must be an ISO 8601 date-time like 2019-11-11T21:30:00+01:00, not "{text}"') from None
    # The date part is checked before any offset is applied: a year-1 value with +14:00 must not
    # overflow when the driver converts it to UTC.
    if not EARLIEST <= parsed.date() <= LATEST:
        raise _refuse(f"DateTime {text} is out of range: dates must be {_RANGE}")
    return parsed


def parse_decimal(value: object) -> decimal.Decimal:
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise _refuse(f"Decimal must be a number or a numeric string, not {type(value).__name__}")
    text = str(value)
    if len(text) > 64:
        raise _refuse("Decimal must have at most 64 characters")
    try:
        parsed = decimal.Decimal(text)
    except decimal.DecimalException:
        raise _refuse(f'Decimal must be a number like 2.5, not "{text}"') from None
    if not parsed.is_finite() or abs(parsed) >= _MAX_DECIMAL:
        raise _refuse(f"Decimal {text} is out of range: at most 15 digits before the decimal point")
    if parsed.normalize().as_tuple().exponent < _MIN_EXPONENT:  # type: ignore[operator]
        raise _refuse(f"Decimal {text} has too many decimal places (at most {-_MIN_EXPONENT})")
    return parsed


def parse_decimal_literal(node: ValueNode, _variables: object = None) -> decimal.Decimal:
    # The literal's own digits: through a float, ``1e-999999`` would silently become 0.
    if isinstance(node, (IntValueNode, FloatValueNode, StringValueNode)):
        return parse_decimal(node.value)
    raise _refuse("Decimal must be a number or a numeric string")


def _isoformat(value: dt.date) -> str:
    return value.isoformat()


def _scalar(name: str, description: str, serialize, parse, origin: type, literal=None) -> ScalarDefinition:
    return ScalarDefinition(name=name, description=description, specified_by_url=None, serialize=serialize,
                            parse_value=parse, parse_literal=literal, origin=origin)


Date = _scalar("Date", "Date (isoformat)", _isoformat, parse_date, dt.date)
DateTime = _scalar("DateTime", "Date with time (isoformat)", _isoformat, parse_datetime, dt.datetime)
Decimal = _scalar("Decimal", "Decimal (fixed-point)", str, parse_decimal, decimal.Decimal, parse_decimal_literal)

SCALAR_OVERRIDES = {dt.date: Date, dt.datetime: DateTime, decimal.Decimal: Decimal}
