"""Field-level authorisation from the shared policy (``domain.identity.permissions``).

``Requires(Category.x)`` on a field refuses it with a FORBIDDEN error (never a silent null) for a
caller without that permission, and writes the requirement into the field's schema description so
integrators see it in the SDL.
"""

from __future__ import annotations

from typing import Any

from strawberry.extensions import FieldExtension
from strawberry.types.field import StrawberryField
from strawberry.utils.await_maybe import await_maybe

from domain.identity.permissions import Action, Category, require


def requirement(category: Category, action: Action = Action.read) -> str:
    return f"Requires {category.value}:{action.value} (a role or API-client scope with that access); refused with FORBIDDEN otherwise."


class Requires(FieldExtension):
    def __init__(self, category: Category, action: Action = Action.read) -> None:
        self.category = category
        self.action = action

    def apply(self, field: StrawberryField) -> None:
        note = requirement(self.category, self.action)
        if note not in (field.description or ""):  # the schema may be built more than once
            field.description = f"{field.description} {note}" if field.description else note

    def resolve(self, next_: Any, source: Any, info: Any, **kwargs: Any) -> Any:
        require(info.context.principal, self.category, self.action)
        return next_(source, info, **kwargs)

    async def resolve_async(self, next_: Any, source: Any, info: Any, **kwargs: Any) -> Any:
        require(info.context.principal, self.category, self.action)
        return await await_maybe(next_(source, info, **kwargs))
