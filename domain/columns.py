"""Column helpers shared by the domain's tenant tables (one spelling for enums, keys and indexes)."""

from __future__ import annotations

import enum
import hashlib
import uuid
from datetime import date, datetime

from sqlalchemy import Date, DateTime, Enum, Index, String, Text, Uuid, func
from sqlalchemy.orm import Mapped, mapped_column


def enum_type(enum_cls: type[enum.Enum], name: str, length: int = 30) -> Enum:
    # Stored as varchar with a CHECK: adding a value is a plain migration, unknown strings are refused.
    return Enum(enum_cls, name=name, native_enum=False, length=length, validate_strings=True)


def uuid_pk() -> Mapped[uuid.UUID]:
    return mapped_column(Uuid, primary_key=True, default=uuid.uuid4)


def created_at() -> Mapped[datetime]:
    return mapped_column(DateTime(timezone=True), server_default=func.now())


def tenant_index(table: str, *columns: str, **kw) -> Index:
    """An index led by ``tenant_id`` (every query filters on it first, through RLS)."""
    name = f"ix_{table}_tenant_id_{'_'.join(columns)}"
    if len(name) > 63:  # PostgreSQL's identifier limit: keep it unique with a short digest
        name = name[:54] + "_" + hashlib.sha1(name.encode()).hexdigest()[:8]
    return Index(name, "tenant_id", *columns, **kw)


class Confidence(str, enum.Enum):
    low = "low"
    medium = "medium"
    high = "high"


class Basis:
    """Why a designation was made and until when it holds: source, assessor, confidence, review date.

    A designation not re-confirmed by ``review_date`` lapses: "current" is always computed from
    ``review_date`` against today, never stored, so nobody stays listed by forgetting to remove them.
    """

    source: Mapped[str] = mapped_column(String(200))
    assessed_by: Mapped[str] = mapped_column(String(200))
    confidence: Mapped[Confidence] = mapped_column(enum_type(Confidence, "confidence", 10))
    assessed_on: Mapped[date] = mapped_column(Date)
    review_date: Mapped[date] = mapped_column(Date)
    note: Mapped[str | None] = mapped_column(Text)
