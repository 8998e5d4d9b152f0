"""The city programme itself: settings, phases, fidelity to the GVI model, context events."""

import enum
import uuid
from datetime import date, datetime

from sqlalchemy import CheckConstraint, Date, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from domain.columns import created_at, enum_type, tenant_index, uuid_pk
from tenants.rls import Base, TenantScoped


class ProgrammeSettings(TenantScoped, Base):
    """One row per city (unique on tenant)."""

    __tablename__ = "programme_settings"
    __table_args__ = (
        UniqueConstraint("tenant_id"),
        CheckConstraint("population IS NULL OR population > 0", name="population_positive"),
    )

    id: Mapped[uuid.UUID] = uuid_pk()
    name: Mapped[str] = mapped_column(String(200))  # e.g. "Sluta skjut Malmö"
    started_on: Mapped[date] = mapped_column(Date)
    population: Mapped[int | None]  # for rates per 100 000
    population_year: Mapped[int | None]
    created_at: Mapped[datetime] = created_at()


class Phase(str, enum.Enum):
    partnership = "partnership"
    problem_analysis = "problem_analysis"
    first_call_in = "first_call_in"
    ongoing_operation = "ongoing_operation"


class ProgrammePhase(TenantScoped, Base):
    __tablename__ = "programme_phases"
    __table_args__ = (
        UniqueConstraint("tenant_id", "phase"),
        CheckConstraint("ended_on IS NULL OR ended_on >= started_on", name="period_order"),
    )

    id: Mapped[uuid.UUID] = uuid_pk()
    phase: Mapped[Phase] = mapped_column(enum_type(Phase, "programme_phase", 30))
    started_on: Mapped[date] = mapped_column(Date)
    ended_on: Mapped[date | None] = mapped_column(Date)
    note: Mapped[str | None] = mapped_column(Text)


class FidelityElement(str, enum.Enum):
    partnership = "partnership"  # partnership in place
    group_audit = "group_audit"  # group audit done and current
    call_ins = "call_ins"  # call-ins held
    sanctions = "sanctions"  # sanctions delivered as promised after violence
    support = "support"  # support available and taken up


class FidelityStatus(str, enum.Enum):
    met = "met"
    partly_met = "partly_met"
    not_met = "not_met"


class FidelityCheck(TenantScoped, Base):
    """One assessment of one element of the model; history kept, the latest per element counts."""

    __tablename__ = "fidelity_checks"
    __table_args__ = (tenant_index("fidelity_checks", "element", "assessed_on"),)

    id: Mapped[uuid.UUID] = uuid_pk()
    element: Mapped[FidelityElement] = mapped_column(enum_type(FidelityElement, "fidelity_element", 30))
    status: Mapped[FidelityStatus] = mapped_column(enum_type(FidelityStatus, "fidelity_status", 20))
    assessed_on: Mapped[date] = mapped_column(Date)
    evidence: Mapped[str] = mapped_column(Text)
    next_review_on: Mapped[date | None] = mapped_column(Date)
    created_at: Mapped[datetime] = created_at()


class ContextEventKind(str, enum.Enum):
    police_operation = "police_operation"
    pandemic = "pandemic"
    conflict = "conflict"
    policy = "policy"
    other = "other"


class ContextEvent(TenantScoped, Base):
    """A dated annotation that matters for evaluation, shown beside the figures."""

    __tablename__ = "context_events"
    __table_args__ = (
        tenant_index("context_events", "started_on"),
        CheckConstraint("ended_on IS NULL OR ended_on >= started_on", name="period_order"),
    )

    id: Mapped[uuid.UUID] = uuid_pk()
    kind: Mapped[ContextEventKind] = mapped_column(enum_type(ContextEventKind, "context_event_kind", 30))
    title: Mapped[str] = mapped_column(String(300))
    started_on: Mapped[date] = mapped_column(Date)
    ended_on: Mapped[date | None] = mapped_column(Date)
    description: Mapped[str | None] = mapped_column(Text)
    national: Mapped[bool] = mapped_column(default=False, server_default="false")  # carried into national evaluation
    created_at: Mapped[datetime] = created_at()
