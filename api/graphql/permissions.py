"""Field-level authorisation from the shared policy (``domain.identity.permissions``).

``Requires(Category.x)`` on a field refuses it with a FORBIDDEN error (never a silent null) for a
caller without that permission, and writes the requirement into the field's schema description so
integrators see it in the SDL. On async fields the check goes through the audit service's
``authorize``: a refusal (or a user's read of person data without an ``X-GVI-Purpose``) leaves one
``denied`` audit entry per operation.
"""

from __future__ import annotations

from typing import Any

from strawberry.extensions import FieldExtension
from strawberry.types.field import StrawberryField
from strawberry.utils.await_maybe import await_maybe

from domain.identity.permissions import PERSON_CATEGORIES, Action, Category, require


def requirement(category: Category, action: Action = Action.read) -> str:
    note = f"Requires {category.value}:{action.value} (a role or API-client scope with that access); refused with FORBIDDEN otherwise."
    if action is Action.read and category in PERSON_CATEGORIES:
        note += " Users must state a purpose in the X-GVI-Purpose header (BAD_USER_INPUT without it)."
    return note


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
        context = info.context
        if hasattr(context, "authorize"):
            await context.authorize(self.category, self.action)
        else:
            require(context.principal, self.category, self.action)
        return await await_maybe(next_(source, info, **kwargs))
