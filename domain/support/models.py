"""Support cases (offers and referrals), their status history and consent."""

import enum
import uuid
from datetime import date, datetime

from sqlalchemy import CheckConstraint, Date, Text, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from domain.columns import created_at, enum_type, tenant_index, uuid_pk
from tenants.rls import Base, TenantScoped, tenant_fk


class ProviderType(str, enum.Enum):
    social_services = "social_services"
    employment = "employment"
    education = "education"
    housing = "housing"
    addiction = "addiction"
    mental_health = "mental_health"
    protection = "protection"  # protection / relocation
    exit_programme = "exit_programme"


class SupportContext(str, enum.Enum):
    call_in = "call_in"
    notification = "notification"
    other = "other"


class SupportStatus(str, enum.Enum):
    offered = "offered"
    accepted = "accepted"
    started = "started"
    completed = "completed"
    declined = "declined"
    dropped = "dropped"
    withdrawn = "withdrawn"


class SupportCase(TenantScoped, Base):
    __tablename__ = "support_cases"
    __table_args__ = (
        tenant_fk("person_id", "people", ondelete="CASCADE"),
        tenant_fk("provider_organisation_id", "organisations", ondelete="SET NULL"),
        tenant_fk("call_in_id", "call_ins", ondelete="SET NULL"),
        tenant_fk("notification_id", "custom_notifications", ondelete="SET NULL"),
        tenant_index("support_cases", "person_id"),
        CheckConstraint("context <> 'call_in' OR call_in_id IS NOT NULL", name="call_in_context"),
        CheckConstraint("context <> 'notification' OR notification_id IS NOT NULL", name="notification_context"),
    )

    id: Mapped[uuid.UUID] = uuid_pk()
    person_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    provider_type: Mapped[ProviderType] = mapped_column(enum_type(ProviderType, "provider_type", 30))
    provider_organisation_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    context: Mapped[SupportContext] = mapped_column(enum_type(SupportContext, "support_context", 20))
    call_in_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    notification_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    status: Mapped[SupportStatus] = mapped_column(enum_type(SupportStatus, "support_status", 20))
    status_on: Mapped[date] = mapped_column(Date)  # when the current status was reached
    note: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = created_at()


class SupportTransition(TenantScoped, Base):
    """Every status change of a case, kept (the figures count these, per period)."""

    __tablename__ = "support_transitions"
    __table_args__ = (
        tenant_fk("case_id", "support_cases", ondelete="CASCADE"),
        tenant_index("support_transitions", "case_id", "occurred_on"),
        tenant_index("support_transitions", "occurred_on"),
    )

    id: Mapped[uuid.UUID] = uuid_pk()
    case_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    from_status: Mapped[SupportStatus | None] = mapped_column(enum_type(SupportStatus, "support_status", 20))
    to_status: Mapped[SupportStatus] = mapped_column(enum_type(SupportStatus, "support_status", 20))
    occurred_on: Mapped[date] = mapped_column(Date)
    reason: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = created_at()


class ConsentAction(str, enum.Enum):
    given = "given"
    withdrawn = "withdrawn"


class Consent(TenantScoped, Base):
    """Consent given or withdrawn, with date and scope (e.g. sharing with a named provider)."""

    __tablename__ = "consents"
    __table_args__ = (
        tenant_fk("person_id", "people", ondelete="CASCADE"),
        tenant_fk("case_id", "support_cases", ondelete="CASCADE"),
        tenant_index("consents", "person_id", "recorded_on"),
    )

    id: Mapped[uuid.UUID] = uuid_pk()
    person_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    case_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    action: Mapped[ConsentAction] = mapped_column(enum_type(ConsentAction, "consent_action", 20))
    recorded_on: Mapped[date] = mapped_column(Date)
    scope: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = created_at()
