"""The authenticated subject of a request, task or command — the same type for every entry point."""

from __future__ import annotations

import enum
import uuid
from dataclasses import dataclass, field


class SubjectKind(str, enum.Enum):
    user = "user"  # a city user: one tenant, one partner organisation
    national_user = "national_user"  # no tenant
    api_client = "api_client"  # an agency system of one tenant, with scopes


class Role(str, enum.Enum):
    # city roles
    coordinator = "coordinator"
    analyst = "analyst"
    caseworker = "caseworker"
    outreach = "outreach"
    viewer = "viewer"
    auditor = "auditor"
    # national roles (no tenant)
    national_coordinator = "national_coordinator"
    evaluator = "evaluator"
    platform_admin = "platform_admin"

    @property
    def is_national(self) -> bool:
        return self in NATIONAL_ROLES


NATIONAL_ROLES = frozenset({Role.national_coordinator, Role.evaluator, Role.platform_admin})
CITY_ROLES = frozenset(Role) - NATIONAL_ROLES


@dataclass(frozen=True)
class Principal:
    kind: SubjectKind
    id: uuid.UUID
    name: str
    tenant_id: uuid.UUID | None = None
    organisation_id: uuid.UUID | None = None
    role: Role | None = None  # users
    scopes: frozenset[str] = field(default_factory=frozenset)  # API clients: "category:action"
    mfa: bool = False  # the session passed a second factor

    @property
    def is_national(self) -> bool:
        return self.kind is SubjectKind.national_user
