"""The tenant registry: one row per city programme on the platform."""

from __future__ import annotations

import enum
import uuid
from datetime import datetime

from sqlalchemy import CheckConstraint, DateTime, Enum, String, Uuid, func
from sqlalchemy.orm import Mapped, mapped_column

from tenants.rls import Base


class TenantStatus(enum.StrEnum):
    active = "active"
    suspended = "suspended"  # users, sessions and API clients refused with the reason; data kept
    offboarded = "offboarded"  # data exported and crypto-shredded


class Tenant(Base):
    __tablename__ = "tenants"
    __table_args__ = (
        CheckConstraint(r"slug ~ '^[a-z][a-z0-9-]{1,39}$'", name="slug_format"),
        CheckConstraint(r"kommunkod ~ '^[0-9]{4}$'", name="kommunkod_format"),
        # A suspended city always says since when and why (the refusal names the reason).
        CheckConstraint("(status = 'suspended') = (suspended_at IS NOT NULL AND suspension_reason IS NOT NULL) "
                        "OR status = 'offboarded'", name="suspension_recorded"),
    )

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    slug: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    kommunkod: Mapped[str] = mapped_column(String(4), unique=True)  # one tenant per municipality
    police_area: Mapped[str | None] = mapped_column(String(200))
    status: Mapped[TenantStatus] = mapped_column(
        Enum(TenantStatus, name="tenant_status", native_enum=False, length=20, validate_strings=True),
        default=TenantStatus.active,
    )
    # Set while the city is suspended (national statistics pause its sharing while this is set).
    suspended_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    suspension_reason: Mapped[str | None] = mapped_column(String(500))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
