"""Registers of the programme's data-sharing agreements and of data-subject requests.

Each partner organisation is its own controller: data passes between two of them only under an
agreement both signed, which names for every category of data the legal basis and the secrecy
provision that allow it. An audit entry of a disclosure names the agreement.
"""

from __future__ import annotations

import enum
import uuid
from datetime import date, datetime

from sqlalchemy import CheckConstraint, Date, DateTime, Enum, String, Text, UniqueConstraint, Uuid, func
from sqlalchemy.orm import Mapped, mapped_column

from domain.identity.permissions import Category
from tenants.rls import Base, TenantScoped, tenant_fk


def _enum(cls, name: str, length: int) -> Enum:
    return Enum(cls, name=name, native_enum=False, length=length, validate_strings=True)


class SharingAgreement(TenantScoped, Base):
    __tablename__ = "sharing_agreements"
    __table_args__ = (
        UniqueConstraint("tenant_id", "reference"),
        CheckConstraint("valid_until is null or valid_until >= valid_from", name="valid_period"),
    )

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    reference: Mapped[str] = mapped_column(String(100))  # the registration number (diarienummer)
    title: Mapped[str] = mapped_column(String(200))
    valid_from: Mapped[date] = mapped_column(Date)
    valid_until: Mapped[date | None] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class AgreementParty(TenantScoped, Base):
    """A partner organisation bound by an agreement, and who signed for it."""

    __tablename__ = "sharing_agreement_parties"
    __table_args__ = (
        tenant_fk("agreement_id", "sharing_agreements", ondelete="CASCADE"),
        tenant_fk("organisation_id", "organisations"),
    )

    agreement_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    organisation_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    signatory_name: Mapped[str] = mapped_column(String(200))
    signatory_title: Mapped[str | None] = mapped_column(String(200))
    signed_on: Mapped[date] = mapped_column(Date)


class AgreementTerm(TenantScoped, Base):
    """One category of data the agreement lets pass, with what allows it."""

    __tablename__ = "sharing_agreement_terms"
    __table_args__ = (tenant_fk("agreement_id", "sharing_agreements", ondelete="CASCADE"),)

    agreement_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    category: Mapped[Category] = mapped_column(_enum(Category, "data_category", 30), primary_key=True)
    legal_basis: Mapped[str] = mapped_column(Text)  # e.g. "GDPR art. 6.1 e, 10; lag (2018:218) 3 kap. 8 §"
    secrecy_provision: Mapped[str] = mapped_column(Text)  # e.g. "OSL 10 kap. 18 a §"


class RequestKind(str, enum.Enum):
    access = "access"  # art. 15, registerutdrag
    rectification = "rectification"  # art. 16
    erasure = "erasure"  # art. 17
    objection = "objection"  # art. 21


class RequestStatus(str, enum.Enum):
    received = "received"
    in_progress = "in_progress"
    completed = "completed"
    refused = "refused"


class DataSubjectRequest(TenantScoped, Base):
    __tablename__ = "data_subject_requests"
    __table_args__ = (
        tenant_fk("handled_by_organisation_id", "organisations"),
        # the register of requests is kept if the person row goes
        tenant_fk("person_id", "people", ondelete="SET NULL"),
        CheckConstraint("deadline >= received_on", name="deadline_after_receipt"),
    )

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    kind: Mapped[RequestKind] = mapped_column(_enum(RequestKind, "request_kind", 20))
    # The person the request is about, once identified.
    person_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    handled_by_organisation_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    received_on: Mapped[date] = mapped_column(Date)
    deadline: Mapped[date] = mapped_column(Date)  # one month after receipt, three when extended
    extended: Mapped[bool] = mapped_column(default=False, server_default="false")
    extension_reason: Mapped[str | None] = mapped_column(Text)
    status: Mapped[RequestStatus] = mapped_column(_enum(RequestStatus, "request_status", 20), default=RequestStatus.received)
    outcome: Mapped[str | None] = mapped_column(Text)
    closed_on: Mapped[date | None] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
