"""``audit_log``: append-only (INSERT and SELECT for the runtime role, a trigger refuses UPDATE and
DELETE) and hash-chained per tenant — each entry holds the hash of the previous one."""

from __future__ import annotations

import enum
import uuid
from datetime import datetime

from sqlalchemy import BigInteger, DateTime, Enum, Index, String, Text, Uuid
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from tenants.rls import Base, TenantScoped, tenant_fk


class AuditAction(str, enum.Enum):
    read = "read"  # opening a person, a timeline, a record
    search = "search"  # a search or list that returned people
    write = "write"  # create, update
    delete = "delete"
    export = "export"  # subject access, bulk export
    disclose = "disclose"  # passing data to another organisation (names the agreement)
    erase = "erase"  # retention or an erasure request
    denied = "denied"  # an attempt refused before it could be classified further


class AuditOutcome(str, enum.Enum):
    allowed = "allowed"
    denied = "denied"


def _enum(cls, name: str, length: int) -> Enum:
    return Enum(cls, name=name, native_enum=False, length=length, validate_strings=True)


class AuditEntry(TenantScoped, Base):
    __tablename__ = "audit_log"
    __table_args__ = (
        tenant_fk("agreement_id", "sharing_agreements"),
        Index("ix_audit_log_object", "tenant_id", "object_id", "seq"),
        Index("ix_audit_log_actor", "tenant_id", "actor_id", "seq"),
        Index("ix_audit_log_time", "tenant_id", "occurred_at"),
    )

    seq: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)  # 1, 2, … per tenant
    occurred_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    actor_kind: Mapped[str] = mapped_column(String(20))  # user, api_client, national_user, system, cli
    actor_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    actor_name: Mapped[str] = mapped_column(String(200))
    organisation_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)  # the actor's partner organisation
    action: Mapped[AuditAction] = mapped_column(_enum(AuditAction, "audit_action", 20))
    object_type: Mapped[str] = mapped_column(String(60))
    object_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    purpose: Mapped[str | None] = mapped_column(Text)
    request_id: Mapped[str | None] = mapped_column(String(100))
    outcome: Mapped[AuditOutcome] = mapped_column(_enum(AuditOutcome, "audit_outcome", 10))
    agreement_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)  # the data-sharing agreement of a disclosure
    details: Mapped[dict] = mapped_column(JSONB, default=dict, server_default="{}")  # never identity numbers
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))
