from __future__ import annotations

import uuid

from domain.identity.principal import Principal, Role, SubjectKind


def user(tenant, role: Role = Role.analyst, name: str = "Anna Analys", organisation_id=None) -> Principal:
    return Principal(kind=SubjectKind.user, id=uuid.uuid4(), name=name, tenant_id=tenant.id,
                     organisation_id=organisation_id, role=role, mfa=True)
