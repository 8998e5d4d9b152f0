from __future__ import annotations

import enum
import uuid
from datetime import datetime

from sqlalchemy import Boolean, DateTime, Enum, String, UniqueConstraint, Uuid, func
from sqlalchemy.orm import Mapped, mapped_column

from tenants.rls import Base, TenantScoped


class OrganisationKind(str, enum.Enum):
    police = "police"  # Polismyndigheten
    prison_probation = "prison_probation"  # Kriminalvården, incl. frivården
    social_services = "social_services"  # the municipality's socialtjänst
    school = "school"
    employment = "employment"
    municipality_other = "municipality_other"
    civil_society = "civil_society"
    health_care = "health_care"  # e.g. the hospital trauma team


class Organisation(TenantScoped, Base):
    __tablename__ = "organisations"
    __table_args__ = (UniqueConstraint("tenant_id", "name"),)

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[OrganisationKind] = mapped_column(
        Enum(OrganisationKind, name="organisation_kind", native_enum=False, length=30, validate_strings=True)
    )
    active: Mapped[bool] = mapped_column(Boolean, default=True, server_default="true")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
