"""Follow-up tasks with an owner (a user or an organisation), a due date and a linked record."""

import enum
import uuid
from datetime import date, datetime

from sqlalchemy import CheckConstraint, Date, DateTime, String, Text, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from domain.columns import created_at, enum_type, tenant_index, uuid_pk
from tenants.rls import Base, TenantScoped, tenant_fk


class TaskKind(str, enum.Enum):
    outreach = "outreach"
    custom_notification = "custom_notification"
    enforcement = "enforcement"
    support = "support"
    other = "other"


class TaskStatus(str, enum.Enum):
    open = "open"
    in_progress = "in_progress"
    done = "done"
    cancelled = "cancelled"


class Task(TenantScoped, Base):
    __tablename__ = "tasks"
    __table_args__ = (
        tenant_fk("assignee_organisation_id", "organisations", ondelete="SET NULL"),
        tenant_fk("review_id", "incident_reviews", ondelete="SET NULL"),
        tenant_fk("person_id", "people", ondelete="CASCADE"),
        tenant_fk("group_id", "groups", ondelete="CASCADE"),
        tenant_index("tasks", "status", "due_on"),
        tenant_index("tasks", "person_id"),
        tenant_index("tasks", "group_id"),
        CheckConstraint("assignee_user_id IS NOT NULL OR assignee_organisation_id IS NOT NULL", name="has_assignee"),
        CheckConstraint("(linked_type IS NULL) = (linked_id IS NULL)", name="linked_pair"),
    )

    id: Mapped[uuid.UUID] = uuid_pk()
    title: Mapped[str] = mapped_column(String(300))
    kind: Mapped[TaskKind] = mapped_column(enum_type(TaskKind, "task_kind", 30))
    status: Mapped[TaskStatus] = mapped_column(enum_type(TaskStatus, "task_status", 20))
    due_on: Mapped[date | None] = mapped_column(Date)
    # the user lives in the identity tables; kept as a plain id so tasks do not depend on them
    assignee_user_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    assignee_organisation_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    review_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)  # the incident review that produced it
    person_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    group_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    linked_type: Mapped[str | None] = mapped_column(String(40))  # e.g. "incident", "support_case"
    linked_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    note: Mapped[str | None] = mapped_column(Text)
    completed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    created_at: Mapped[datetime] = created_at()
