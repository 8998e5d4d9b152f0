"""People, their group memberships and designations, supervision and close persons.

Identity numbers, addresses and phone numbers are stored only encrypted (per tenant key), with a
blind index for exact look-up of identity numbers. Victims are recorded as victims on incidents,
never as group members.
"""

import enum
import uuid
from datetime import date, datetime

from sqlalchemy import CheckConstraint, Date, DateTime, Index, LargeBinary, String, Text, UniqueConstraint, Uuid, text
from sqlalchemy.orm import Mapped, mapped_column

from domain.columns import Basis, created_at, enum_type, tenant_index, uuid_pk
from tenants.rls import Base, TenantScoped, tenant_fk


class IdentityKind(str, enum.Enum):
    personnummer = "personnummer"
    samordningsnummer = "samordningsnummer"  # co-ordination number: day + 60


class SupervisionStatus(str, enum.Enum):
    none = "none"
    probation = "probation"  # frivård
    parole = "parole"  # villkorlig frigivning
    youth_care = "youth_care"  # LVU / sluten ungdomsvård


class Person(TenantScoped, Base):
    __tablename__ = "people"
    __table_args__ = (
        tenant_fk("supervising_organisation_id", "organisations", ondelete="SET NULL"),
        Index(
            "uq_people_tenant_id_identity_number_hmac", "tenant_id", "identity_number_hmac", unique=True,
            postgresql_where=text("identity_number_hmac IS NOT NULL"),
        ),
        tenant_index("people", "family_name", "given_name"),
        CheckConstraint("(identity_number_ciphertext IS NULL) = (identity_number_hmac IS NULL)", name="identity_number_pair"),
        CheckConstraint("birth_year IS NULL OR birth_year BETWEEN 1900 AND 2100", name="birth_year_range"),
    )

    id: Mapped[uuid.UUID] = uuid_pk()
    given_name: Mapped[str] = mapped_column(String(200))
    family_name: Mapped[str] = mapped_column(String(200))
    nickname: Mapped[str | None] = mapped_column(String(200))
    birth_year: Mapped[int | None]
    identity_kind: Mapped[IdentityKind | None] = mapped_column(enum_type(IdentityKind, "identity_kind", 20))
    identity_number_ciphertext: Mapped[bytes | None] = mapped_column(LargeBinary)
    identity_number_hmac: Mapped[bytes | None] = mapped_column(LargeBinary)
    address_ciphertext: Mapped[bytes | None] = mapped_column(LargeBinary)
    phone_ciphertext: Mapped[bytes | None] = mapped_column(LargeBinary)
    supervision_status: Mapped[SupervisionStatus] = mapped_column(
        enum_type(SupervisionStatus, "supervision_status", 20), default=SupervisionStatus.none, server_default="none"
    )
    supervising_organisation_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    supervision_until: Mapped[date | None] = mapped_column(Date)
    note: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = created_at()
    # Set by retention: the row stays as an anonymous key so the city's figures keep counting the
    # person's contacts, but every identifying field and link is gone.
    erased_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class MembershipPosition(str, enum.Enum):
    leader = "leader"
    core = "core"
    peripheral = "peripheral"
    associate = "associate"


class GroupMembership(Basis, TenantScoped, Base):
    """One period of one person in one group; periods of the same pair never overlap."""

    __tablename__ = "group_memberships"
    __table_args__ = (
        tenant_fk("person_id", "people", ondelete="CASCADE"),
        tenant_fk("group_id", "groups", ondelete="CASCADE"),
        tenant_index("group_memberships", "person_id", "started_on"),
        tenant_index("group_memberships", "group_id", "started_on"),
        CheckConstraint("ended_on IS NULL OR ended_on >= started_on", name="period_order"),
        CheckConstraint("review_date >= assessed_on", name="review_after_assessment"),
    )

    id: Mapped[uuid.UUID] = uuid_pk()
    person_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    group_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    position: Mapped[MembershipPosition] = mapped_column(enum_type(MembershipPosition, "membership_position", 20))
    started_on: Mapped[date] = mapped_column(Date)
    ended_on: Mapped[date | None] = mapped_column(Date)
    created_at: Mapped[datetime] = created_at()


class DesignationKind(str, enum.Enum):
    at_risk = "at_risk"  # at risk of being shot or of other serious violence
    focus_list = "focus_list"  # focused deterrence: all agencies focus on this person


class Designation(Basis, TenantScoped, Base):
    """An "at risk" or focus-list designation: dated, with its basis, lapsing at the review date."""

    __tablename__ = "designations"
    __table_args__ = (
        tenant_fk("person_id", "people", ondelete="CASCADE"),
        tenant_fk("group_id", "groups", ondelete="SET NULL"),
        tenant_index("designations", "person_id", "started_on"),
        tenant_index("designations", "kind", "review_date"),
        CheckConstraint("ended_on IS NULL OR ended_on >= started_on", name="period_order"),
        CheckConstraint("review_date >= assessed_on", name="review_after_assessment"),
    )

    id: Mapped[uuid.UUID] = uuid_pk()
    person_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    kind: Mapped[DesignationKind] = mapped_column(enum_type(DesignationKind, "designation_kind", 20))
    group_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)  # focus list: the group it targets
    started_on: Mapped[date] = mapped_column(Date)
    ended_on: Mapped[date | None] = mapped_column(Date)
    created_at: Mapped[datetime] = created_at()


class CloseRelation(str, enum.Enum):
    parent = "parent"
    sibling = "sibling"
    child = "child"
    partner = "partner"
    other_family = "other_family"
    friend = "friend"


class ClosePerson(TenantScoped, Base):
    """A close person (family, partner) is a person too, linked to the one they are close to."""

    __tablename__ = "close_persons"
    __table_args__ = (
        tenant_fk("person_id", "people", ondelete="CASCADE"),
        tenant_fk("close_person_id", "people", ondelete="CASCADE"),
        UniqueConstraint("tenant_id", "person_id", "close_person_id"),
        CheckConstraint("person_id <> close_person_id", name="not_self"),
    )

    id: Mapped[uuid.UUID] = uuid_pk()
    person_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    close_person_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    relation: Mapped[CloseRelation] = mapped_column(enum_type(CloseRelation, "close_relation", 20))
    created_at: Mapped[datetime] = created_at()
