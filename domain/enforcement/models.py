"""Enforcement actions (focused deterrence), recorded concretely: who, what, when, why, result.

The focus list itself is a designation (``domain.people.models.Designation`` of kind ``focus_list``):
dated, with a basis and a review date, like every other designation.
"""

import enum
import uuid
from datetime import date, datetime

from sqlalchemy import Date, Text, UniqueConstraint, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from domain.columns import created_at, enum_type, tenant_index, uuid_pk
from tenants.rls import Base, TenantScoped, tenant_fk


class EnforcementType(str, enum.Enum):
    home_visit = "home_visit"  # hembesök after a violent flare-up
    arrest = "arrest"
    search = "search"
    prosecution = "prosecution"
    probation_sanction = "probation_sanction"
    administrative = "administrative"  # other administrative measure


class EnforcementAction(TenantScoped, Base):
    __tablename__ = "enforcement_actions"
    __table_args__ = (
        tenant_fk("organisation_id", "organisations", ondelete="SET NULL"),
        tenant_fk("group_id", "groups", ondelete="SET NULL"),
        tenant_index("enforcement_actions", "taken_on"),
        tenant_index("enforcement_actions", "group_id"),
    )

    id: Mapped[uuid.UUID] = uuid_pk()
    type: Mapped[EnforcementType] = mapped_column(enum_type(EnforcementType, "enforcement_type", 30))
    taken_on: Mapped[date] = mapped_column(Date)
    organisation_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    group_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    result: Mapped[str | None] = mapped_column(Text)
    note: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = created_at()


class EnforcementPerson(TenantScoped, Base):
    __tablename__ = "enforcement_people"
    __table_args__ = (
        tenant_fk("action_id", "enforcement_actions", ondelete="CASCADE"),
        tenant_fk("person_id", "people", ondelete="CASCADE"),
        UniqueConstraint("tenant_id", "action_id", "person_id"),
        tenant_index("enforcement_people", "person_id"),
    )

    id: Mapped[uuid.UUID] = uuid_pk()
    action_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    person_id: Mapped[uuid.UUID] = mapped_column(Uuid)


class EnforcementIncident(TenantScoped, Base):
    """The incident(s) that triggered an action: sanctions follow violence, as promised."""

    __tablename__ = "enforcement_incidents"
    __table_args__ = (
        tenant_fk("action_id", "enforcement_actions", ondelete="CASCADE"),
        tenant_fk("incident_id", "incidents", ondelete="CASCADE"),
        UniqueConstraint("tenant_id", "action_id", "incident_id"),
    )

    id: Mapped[uuid.UUID] = uuid_pk()
    action_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    incident_id: Mapped[uuid.UUID] = mapped_column(Uuid)
