"""Field-level authorisation from the shared policy (``domain.identity.permissions``).

``Requires(Category.x)`` on a field refuses it with a FORBIDDEN error (never a silent null) for a
caller without that permission, and writes the requirement into the field's schema description so
integrators see it in the SDL. On async fields the check goes through the request's gate
(``domain.access.gate.Gate.authorize``): a refusal (or a user's read of person data without an
``X-GVI-Purpose``) leaves one ``denied`` audit entry per operation.
"""

from __future__ import annotations

from collections.abc import Callable
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


def guarded(description: str | None, category: Category, action: Action = Action.read) -> str:
    """The description a field gets from ``Requires(category, action)``, for fields that check in the resolver."""
    note = requirement(category, action)
    return f"{description} {note}" if description else note


_PENDING = object()


def _ready(loader: Any, key: Any) -> Any:
    """The loader's cached result for ``key`` if it is already there (no await), else ``_PENDING``."""
    future = loader.cache_map.get(key)
    if future is None or not future.done() or future.cancelled() or future.exception() is not None:
        return _PENDING
    return future.result()


def guarded_load(info: Any, category: Category, loader: Any, key: Any, build: Callable[[Any], Any],
                 action: Action = Action.read) -> Any:
    """``build(await loader.load(key))`` behind the same check as ``Requires(category, action)``.

    For nested fields resolved once per row (a page of incidents and their groups): when the
    permission is already decided as allowed and the rows are already loaded (the page prefetched
    them), the answer is built without awaiting anything. Otherwise it takes the full path, through
    :meth:`GraphQLContext.authorize`: a refusal is still refused (FORBIDDEN) and audited once.
    """
    context = info.context
    if context.allowed_now(category, action) is not None:
        rows = _ready(loader, key)
        if rows is not _PENDING:
            return build(rows)

    async def full() -> Any:
        await context.authorize(category, action)
        return build(await loader.load(key))

    return full()


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
