"""Violence-driving groups, their risk assessments (history) and relationships between groups."""

import enum
import uuid
from datetime import date, datetime

from sqlalchemy import CheckConstraint, Date, String, Text, UniqueConstraint, Uuid
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Mapped, mapped_column

from domain.columns import Confidence, created_at, enum_type, tenant_index, uuid_pk
from tenants.rls import Base, TenantScoped, tenant_fk


class GroupStatus(str, enum.Enum):
    active = "active"
    dormant = "dormant"
    dissolved = "dissolved"


class Group(TenantScoped, Base):
    __tablename__ = "groups"
    __table_args__ = (UniqueConstraint("tenant_id", "name"),)

    id: Mapped[uuid.UUID] = uuid_pk()
    name: Mapped[str] = mapped_column(String(200))
    aliases: Mapped[list[str]] = mapped_column(ARRAY(String(200)), default=list, server_default="{}")
    areas: Mapped[list[str]] = mapped_column(ARRAY(String(200)), default=list, server_default="{}")
    status: Mapped[GroupStatus] = mapped_column(enum_type(GroupStatus, "group_status", 20))
    description: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = created_at()


class RiskLevel(str, enum.Enum):
    low = "low"
    moderate = "moderate"
    high = "high"
    very_high = "very_high"


class GroupRiskAssessment(TenantScoped, Base):
    """Assessments are kept as history: the latest by date is the group's current risk level."""

    __tablename__ = "group_risk_assessments"
    __table_args__ = (
        tenant_fk("group_id", "groups", ondelete="CASCADE"),
        tenant_fk("organisation_id", "organisations", ondelete="SET NULL"),
        tenant_index("group_risk_assessments", "group_id", "assessed_on"),
    )

    id: Mapped[uuid.UUID] = uuid_pk()
    group_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    level: Mapped[RiskLevel] = mapped_column(enum_type(RiskLevel, "risk_level", 20))
    assessed_on: Mapped[date] = mapped_column(Date)
    basis: Mapped[str] = mapped_column(Text)
    confidence: Mapped[Confidence] = mapped_column(enum_type(Confidence, "confidence", 10))
    organisation_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    created_at: Mapped[datetime] = created_at()


class RelationshipKind(str, enum.Enum):
    conflict = "conflict"
    alliance = "alliance"
    split = "split"  # group_b split off from group_a


class GroupRelationship(TenantScoped, Base):
    """An edge of the group network, dated so the network can be drawn for any day."""

    __tablename__ = "group_relationships"
    __table_args__ = (
        tenant_fk("group_a_id", "groups", ondelete="CASCADE"),
        tenant_fk("group_b_id", "groups", ondelete="CASCADE"),
        tenant_index("group_relationships", "group_a_id"),
        tenant_index("group_relationships", "group_b_id"),
        CheckConstraint("group_a_id <> group_b_id", name="two_groups"),
        CheckConstraint("ended_on IS NULL OR ended_on >= started_on", name="period_order"),
    )

    id: Mapped[uuid.UUID] = uuid_pk()
    group_a_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    group_b_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    kind: Mapped[RelationshipKind] = mapped_column(enum_type(RelationshipKind, "relationship_kind", 20))
    started_on: Mapped[date] = mapped_column(Date)
    ended_on: Mapped[date | None] = mapped_column(Date)
    note: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = created_at()
