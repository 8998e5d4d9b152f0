"""Street outreach: contacts, conflict mediations and hours, as outreach programmes measure work."""

import enum
import uuid
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import CheckConstraint, Date, Numeric, String, Text, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from domain.columns import created_at, enum_type, tenant_index, uuid_pk
from tenants.rls import Base, TenantScoped, tenant_fk


class OutreachKind(str, enum.Enum):
    contact = "contact"
    mediation = "mediation"  # conflict mediation between people or groups
    hours = "hours"  # time logged without a single contact (patrols, presence)


class OutreachActivity(TenantScoped, Base):
    __tablename__ = "outreach_activities"
    __table_args__ = (
        tenant_fk("organisation_id", "organisations", ondelete="SET NULL"),
        tenant_fk("person_id", "people", ondelete="SET NULL"),
        tenant_fk("other_person_id", "people", ondelete="SET NULL"),
        tenant_fk("group_id", "groups", ondelete="SET NULL"),
        tenant_fk("other_group_id", "groups", ondelete="SET NULL"),
        tenant_index("outreach_activities", "occurred_on"),
        tenant_index("outreach_activities", "person_id"),
        CheckConstraint("hours >= 0 AND hours <= 24", name="hours_range"),
    )

    id: Mapped[uuid.UUID] = uuid_pk()
    kind: Mapped[OutreachKind] = mapped_column(enum_type(OutreachKind, "outreach_kind", 20))
    occurred_on: Mapped[date] = mapped_column(Date)
    worker: Mapped[str] = mapped_column(String(200))
    organisation_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    hours: Mapped[Decimal] = mapped_column(Numeric(5, 2))
    person_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    other_person_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)  # mediation: the other party
    group_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    other_group_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    note: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = created_at()
