"""Tenant keys, stored wrapped by the master key."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import DateTime, Enum, Integer, LargeBinary, String, func
from sqlalchemy.orm import Mapped, mapped_column

from tenants.rls import Base, TenantScoped


class KeyPurpose(str, enum.Enum):
    data = "data"  # AES-GCM field encryption
    index = "index"  # HMAC-SHA256 blind index


class TenantKey(TenantScoped, Base):
    __tablename__ = "tenant_keys"

    purpose: Mapped[KeyPurpose] = mapped_column(
        Enum(KeyPurpose, name="key_purpose", native_enum=False, length=10, validate_strings=True), primary_key=True
    )
    version: Mapped[int] = mapped_column(Integer, primary_key=True)
    wrapped_key: Mapped[bytes] = mapped_column(LargeBinary)
    master_key_id: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    # a retired key still decrypts old ciphertexts until re-encryption has moved them
    retired_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
