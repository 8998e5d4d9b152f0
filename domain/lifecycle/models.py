"""Per-city retention policy: how long each category of data is kept after its last event."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, DateTime, Enum, Integer, Text, func
from sqlalchemy.orm import Mapped, mapped_column

from domain.identity.permissions import Category
from tenants.rls import Base, TenantScoped


class RetentionPolicy(TenantScoped, Base):
    __tablename__ = "retention_policies"
    __table_args__ = (CheckConstraint("erase_after_months > 0", name="positive_period"),)

    category: Mapped[Category] = mapped_column(
        Enum(Category, name="data_category", native_enum=False, length=30, validate_strings=True), primary_key=True)
    # e.g. person data: erased 36 months after the person's last recorded event
    erase_after_months: Mapped[int] = mapped_column(Integer)
    basis: Mapped[str] = mapped_column(Text)  # why this period (the city's decision, the law)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now(), onupdate=func.now())
