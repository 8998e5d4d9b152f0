"""The caller as the server sees it (lets a client shape its UI to what it may do)."""

from __future__ import annotations

import strawberry

from domain.identity.permissions import Action, Category, can
from domain.identity.principal import Principal


@strawberry.type(description="The authenticated caller.")
class Viewer:
    kind: str = strawberry.field(description="user, national_user or api_client.")
    name: str
    role: str | None = strawberry.field(description="A user's role; null for API clients.")
    scopes: list[str] = strawberry.field(description="An API client's scopes (category:action).")
    readable: list[str] = strawberry.field(description="Data categories the caller may read.")
    writable: list[str] = strawberry.field(description="Data categories the caller may write.")

    @classmethod
    def from_principal(cls, principal: Principal) -> Viewer:
        return cls(
            kind=principal.kind.value,
            name=principal.name,
            role=principal.role.value if principal.role else None,
            scopes=sorted(principal.scopes),
            readable=[c.value for c in Category if can(principal, c, Action.read)],
            writable=[c.value for c in Category if can(principal, c, Action.write)],
        )
