"""Custom notifications: the message and offer delivered to one person individually."""

import enum
import uuid
from datetime import date, datetime

from sqlalchemy import Boolean, Date, String, Text, UniqueConstraint, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from domain.columns import created_at, enum_type, tenant_index, uuid_pk
from tenants.rls import Base, TenantScoped, tenant_fk


class NotificationSetting(str, enum.Enum):
    home = "home"
    custody = "custody"
    street = "street"
    school = "school"
    other = "other"


class NotificationOutcome(str, enum.Enum):
    delivered = "delivered"
    refused = "refused"
    not_reached = "not_reached"


class CustomNotification(TenantScoped, Base):
    __tablename__ = "custom_notifications"
    __table_args__ = (
        tenant_fk("person_id", "people", ondelete="CASCADE"),
        tenant_index("custom_notifications", "delivered_on"),
        tenant_index("custom_notifications", "person_id"),
    )

    id: Mapped[uuid.UUID] = uuid_pk()
    person_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    delivered_on: Mapped[date] = mapped_column(Date)  # the day of the attempt
    setting: Mapped[NotificationSetting] = mapped_column(enum_type(NotificationSetting, "notification_setting", 20))
    delivered_by: Mapped[str] = mapped_column(String(400))  # the staff who delivered it
    message: Mapped[str | None] = mapped_column(Text)
    outcome: Mapped[NotificationOutcome] = mapped_column(enum_type(NotificationOutcome, "notification_outcome", 20))
    support_offered: Mapped[bool] = mapped_column(Boolean)
    risk_assessment: Mapped[str | None] = mapped_column(Text)
    follow_up_on: Mapped[date | None] = mapped_column(Date)
    created_at: Mapped[datetime] = created_at()


class NotificationOrganisation(TenantScoped, Base):
    """The partner organisations that delivered a notification together."""

    __tablename__ = "notification_organisations"
    __table_args__ = (
        tenant_fk("notification_id", "custom_notifications", ondelete="CASCADE"),
        tenant_fk("organisation_id", "organisations", ondelete="CASCADE"),
        UniqueConstraint("tenant_id", "notification_id", "organisation_id"),
    )

    id: Mapped[uuid.UUID] = uuid_pk()
    notification_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    organisation_id: Mapped[uuid.UUID] = mapped_column(Uuid)
