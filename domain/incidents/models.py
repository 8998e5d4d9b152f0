"""Incidents (shootings, explosions, other serious violence), their links and incident reviews."""

import enum
import uuid
from datetime import date, datetime

from sqlalchemy import Boolean, CheckConstraint, Date, DateTime, Index, Integer, String, Text, UniqueConstraint, Uuid, text
from sqlalchemy.orm import Mapped, mapped_column

from domain.columns import Confidence, created_at, enum_type, tenant_index, uuid_pk
from tenants.rls import Base, TenantScoped, tenant_fk


class IncidentType(str, enum.Enum):
    shooting = "shooting"
    # explosions as the police count them
    explosion_completed = "explosion_completed"
    explosion_attempted = "explosion_attempted"
    explosion_prepared = "explosion_prepared"
    other_serious_violence = "other_serious_violence"


EXPLOSION_TYPES = (IncidentType.explosion_completed, IncidentType.explosion_attempted, IncidentType.explosion_prepared)


class Incident(TenantScoped, Base):
    __tablename__ = "incidents"
    __table_args__ = (
        Index(
            "uq_incidents_tenant_id_external_reference", "tenant_id", "external_reference", unique=True,
            postgresql_where=text("external_reference IS NOT NULL"),
        ),
        tenant_index("incidents", "occurred_at"),
        tenant_index("incidents", "type", "occurred_at"),
        CheckConstraint("killed >= 0", name="killed_not_negative"),
        CheckConstraint("injured >= 0", name="injured_not_negative"),
    )

    id: Mapped[uuid.UUID] = uuid_pk()
    type: Mapped[IncidentType] = mapped_column(enum_type(IncidentType, "incident_type", 30))
    occurred_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    area: Mapped[str | None] = mapped_column(String(200))  # neighbourhood
    police_area: Mapped[str | None] = mapped_column(String(200))  # polisområde
    police_region: Mapped[str | None] = mapped_column(String(200))  # one of the 7 police regions
    confirmed: Mapped[bool] = mapped_column(Boolean)
    killed: Mapped[int]
    injured: Mapped[int]
    external_reference: Mapped[str | None] = mapped_column(String(200))  # reporting system's id
    description: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = created_at()
    # Optimistic concurrency: every ORM update checks and bumps it (UPDATE … WHERE version = :seen), so
    # two people editing the same incident cannot silently overwrite each other.
    version: Mapped[int] = mapped_column(Integer, server_default="1")

    __mapper_args__ = {"version_id_col": version}


class IncidentRole(str, enum.Enum):
    suspected_perpetrator = "suspected_perpetrator"
    victim = "victim"
    target = "target"


class IncidentGroup(TenantScoped, Base):
    __tablename__ = "incident_groups"
    __table_args__ = (
        tenant_fk("incident_id", "incidents", ondelete="CASCADE"),
        tenant_fk("group_id", "groups", ondelete="CASCADE"),
        UniqueConstraint("tenant_id", "incident_id", "group_id", "role"),
        tenant_index("incident_groups", "group_id"),
    )

    id: Mapped[uuid.UUID] = uuid_pk()
    incident_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    group_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    role: Mapped[IncidentRole] = mapped_column(enum_type(IncidentRole, "incident_role", 30))


class IncidentPerson(TenantScoped, Base):
    __tablename__ = "incident_people"
    __table_args__ = (
        tenant_fk("incident_id", "incidents", ondelete="CASCADE"),
        tenant_fk("person_id", "people", ondelete="CASCADE"),
        UniqueConstraint("tenant_id", "incident_id", "person_id", "role"),
        tenant_index("incident_people", "person_id"),
    )

    id: Mapped[uuid.UUID] = uuid_pk()
    incident_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    person_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    role: Mapped[IncidentRole] = mapped_column(enum_type(IncidentRole, "incident_role", 30))


class Involvement(str, enum.Enum):
    none = "none"
    possible = "possible"
    likely = "likely"
    confirmed = "confirmed"


class GroupInvolvementAssessment(TenantScoped, Base):
    """Whether a group was behind an incident; every change is a new row (the latest counts)."""

    __tablename__ = "involvement_assessments"
    __table_args__ = (
        tenant_fk("incident_id", "incidents", ondelete="CASCADE"),
        tenant_fk("group_id", "groups", ondelete="CASCADE"),
        tenant_fk("review_id", "incident_reviews", ondelete="SET NULL"),
        tenant_index("involvement_assessments", "incident_id", "assessed_at"),
    )

    id: Mapped[uuid.UUID] = uuid_pk()
    incident_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    group_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    involvement: Mapped[Involvement] = mapped_column(enum_type(Involvement, "involvement", 20))
    confidence: Mapped[Confidence] = mapped_column(enum_type(Confidence, "confidence", 10))
    assessed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    review_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)  # the review that decided it, if any
    note: Mapped[str | None] = mapped_column(Text)


class IncidentReview(TenantScoped, Base):
    """The programme's regular shooting review: goes through incidents, decides, creates tasks."""

    __tablename__ = "incident_reviews"
    __table_args__ = (tenant_index("incident_reviews", "held_on"),)

    id: Mapped[uuid.UUID] = uuid_pk()
    held_on: Mapped[date] = mapped_column(Date)
    note: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = created_at()


class ReviewDecision(TenantScoped, Base):
    """What a review decided about one incident."""

    __tablename__ = "review_decisions"
    __table_args__ = (
        tenant_fk("review_id", "incident_reviews", ondelete="CASCADE"),
        tenant_fk("incident_id", "incidents", ondelete="CASCADE"),
        tenant_index("review_decisions", "review_id"),
    )

    id: Mapped[uuid.UUID] = uuid_pk()
    review_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    incident_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    decision: Mapped[str] = mapped_column(Text)
