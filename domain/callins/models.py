"""Call-ins: the summoned meeting, its dress rehearsal and pre-meeting, speakers and clients."""

import enum
import uuid
from datetime import date, datetime

from sqlalchemy import CheckConstraint, Date, DateTime, String, Text, UniqueConstraint, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from domain.columns import created_at, enum_type, tenant_index, uuid_pk
from tenants.rls import Base, TenantScoped, tenant_fk


class CallInStatus(str, enum.Enum):
    planned = "planned"
    rehearsed = "rehearsed"
    held = "held"
    cancelled = "cancelled"


class CallIn(TenantScoped, Base):
    __tablename__ = "call_ins"
    __table_args__ = (
        tenant_index("call_ins", "held_on"),
        CheckConstraint("rehearsal_on IS NULL OR rehearsal_on <= held_on", name="rehearsal_before"),
        CheckConstraint("pre_meeting_at IS NULL OR pre_meeting_at::date <= held_on", name="pre_meeting_before"),
        CheckConstraint("(status = 'cancelled') = (cancellation_reason IS NOT NULL)", name="cancellation_has_reason"),
    )

    id: Mapped[uuid.UUID] = uuid_pk()
    held_on: Mapped[date] = mapped_column(Date)  # the (planned) day of the call-in
    venue: Mapped[str] = mapped_column(String(200))
    status: Mapped[CallInStatus] = mapped_column(enum_type(CallInStatus, "call_in_status", 20))
    rehearsal_on: Mapped[date | None] = mapped_column(Date)  # genrep
    pre_meeting_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))  # förmöte
    pre_meeting_note: Mapped[str | None] = mapped_column(Text)
    message: Mapped[str | None] = mapped_column(Text)
    support_offer: Mapped[str | None] = mapped_column(Text)
    follow_up: Mapped[str | None] = mapped_column(Text)
    cancellation_reason: Mapped[str | None] = mapped_column(String(1000))  # why it was called off (status cancelled)
    created_at: Mapped[datetime] = created_at()


class SpeakerCategory(str, enum.Enum):
    law_enforcement = "law_enforcement"
    prison_probation = "prison_probation"
    municipality = "municipality"
    civil_society = "civil_society"
    health_care = "health_care"
    community_moral_voice = "community_moral_voice"


class CallInSpeaker(TenantScoped, Base):
    __tablename__ = "call_in_speakers"
    __table_args__ = (
        tenant_fk("call_in_id", "call_ins", ondelete="CASCADE"),
        tenant_fk("person_id", "people", ondelete="SET NULL"),
        tenant_fk("organisation_id", "organisations", ondelete="SET NULL"),
        tenant_index("call_in_speakers", "call_in_id"),
    )

    id: Mapped[uuid.UUID] = uuid_pk()
    call_in_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    person_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    name: Mapped[str] = mapped_column(String(200))
    organisation_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    category: Mapped[SpeakerCategory] = mapped_column(enum_type(SpeakerCategory, "speaker_category", 30))


class Attendance(str, enum.Enum):
    invited = "invited"  # not yet known
    attended = "attended"
    absent = "absent"
    excused = "excused"


class CallInClient(TenantScoped, Base):
    """A client invited to carry the message back to the group they represent."""

    __tablename__ = "call_in_clients"
    __table_args__ = (
        tenant_fk("call_in_id", "call_ins", ondelete="CASCADE"),
        tenant_fk("person_id", "people", ondelete="CASCADE"),
        tenant_fk("group_id", "groups", ondelete="SET NULL"),
        tenant_fk("referring_organisation_id", "organisations", ondelete="SET NULL"),
        UniqueConstraint("tenant_id", "call_in_id", "person_id"),
        tenant_index("call_in_clients", "person_id"),
    )

    id: Mapped[uuid.UUID] = uuid_pk()
    call_in_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    person_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    group_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    referring_organisation_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    attendance: Mapped[Attendance] = mapped_column(enum_type(Attendance, "attendance", 20))
    follow_up: Mapped[str | None] = mapped_column(Text)
