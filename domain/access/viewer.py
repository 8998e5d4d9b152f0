"""The principal a read or write is made for, with the matrix's answer per category."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field

from domain.identity.permissions import Access, Action, Category, access
from domain.identity.principal import Principal


@dataclass(frozen=True)
class Viewer:
    principal: Principal
    _levels: dict[tuple[Category, Action], Access] = field(default_factory=dict, compare=False, repr=False)

    @property
    def organisation_id(self) -> uuid.UUID | None:
        return self.principal.organisation_id

    @property
    def tenant_id(self) -> uuid.UUID | None:
        return self.principal.tenant_id

    def access(self, category: Category, action: Action = Action.read) -> Access:
        """The matrix's level for this viewer (cached: the principal does not change during a request)."""
        key = (category, action)
        level = self._levels.get(key)
        if level is None:
            level = self._levels[key] = access(self.principal, category, action)
        return level

    def can(self, category: Category, action: Action = Action.read) -> bool:
        return self.access(category, action) is not Access.none
