"""Small checks every service repeats: dates not in the future, ordered periods, rows that exist."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import TypeVar
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from tenants.context import require_tenant_id
from tenants.errors import ErrorCollector, NotFound

STOCKHOLM = ZoneInfo("Europe/Stockholm")
T = TypeVar("T")


def today() -> date:
    """Today in Sweden (the programme's calendar), not the server's time zone."""
    return datetime.now(STOCKHOLM).date()


def not_future(errors: ErrorCollector, field: str, value: date | None, *, on: date | None = None) -> None:
    if value is not None and value > (on or today()):
        errors.add(field, "in_future", "must not be in the future")


def required_text(errors: ErrorCollector, field: str, value: str | None, max_len: int = 200) -> str | None:
    if value is None or not value.strip():
        errors.add(field, "required", "must not be empty")
        return None
    if len(value) > max_len:
        errors.add(field, "too_long", f"must be at most {max_len} characters")
    return value.strip()


def period(errors: ErrorCollector, start: date | None, end: date | None, *, end_field: str = "ended_on",
           start_field: str = "started_on") -> None:
    if start is not None and end is not None and end < start:
        errors.add(end_field, "before_start", f"must not be before {start_field}")


async def get(session: AsyncSession, model: type[T], id_: uuid.UUID | None, field: str) -> T:
    """The tenant's row or ``NotFound`` — another city's row is invisible (RLS) and so not found."""
    row = await session.get(model, (require_tenant_id(), id_)) if id_ is not None else None
    if row is None:
        label = getattr(model, "__tablename__", model.__name__)
        raise NotFound.single(field, "not_found", f"no {label} with id {id_}")
    return row


async def get_optional(session: AsyncSession, model: type[T], id_: uuid.UUID | None, field: str) -> T | None:
    return None if id_ is None else await get(session, model, id_, field)
