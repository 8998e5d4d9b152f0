"""The one "may they?": ``Gate.authorize(category, action)`` for GraphQL reads, mutations and REST.

It answers from the matrix (``domain.identity.permissions``) plus the purpose rule (a user reading
person data states why). Allowing needs no I/O, so hot paths ask ``allowed_now`` without awaiting; a
refusal writes one ``denied`` audit entry (in its own transaction) and raises — and within one
operation only the first refusal is recorded: sibling fields refused after it raise the same error.
"""

from __future__ import annotations

import asyncio
import uuid
from typing import Any

from domain.access.viewer import Viewer
from domain.audit import service as audit
from domain.identity.permissions import PERSON_CATEGORIES, Access, Action, Category


class Gate:
    def __init__(self, viewer: Viewer, *, purpose: str | None, request_id: str | None, audit_sessions: Any,
                 purpose_rule: bool = True) -> None:
        self.viewer = viewer
        self.purpose = purpose
        # REST routes that read person data take the purpose as an argument of their service (subject
        # access); there the gate decides the matrix only.
        self.purpose_rule = purpose_rule
        self.request_id = request_id
        self.audit_sessions = audit_sessions  # autonomous audit transactions (refusals survive a rollback)
        self._refusals = asyncio.Lock()
        self.reset()

    def reset(self) -> None:
        """A new operation: decisions are remade, a new refusal is recorded again."""
        self._allowed: dict[tuple[Category, Action], Access] = {}
        self.denied: Exception | None = None

    def allowed_now(self, category: Category, action: Action = Action.read) -> Access | None:
        """The allowed level when it is decidable without I/O, else ``None`` (take :meth:`authorize`):
        a refusal must write its entry, and after one the operation is refused throughout."""
        key = (category, action)
        level = self._allowed.get(key)
        if level is not None or self.denied is not None:
            return level
        level = self.viewer.access(category, action)
        if level is Access.none or (self.purpose_rule and action is Action.read and category in PERSON_CATEGORIES
                                    and not (self.purpose or "").strip()):
            return None
        self._allowed[key] = level
        return level

    async def authorize(self, category: Category, action: Action = Action.read, *, object_type: str | None = None,
                        object_id: uuid.UUID | None = None) -> Access:
        """The level ``category``/``action`` is allowed at; refused: one ``denied`` entry, then the error."""
        level = self.allowed_now(category, action)
        if level is not None:
            return level
        # One refusal at a time: sibling fields are resolved concurrently, and each would otherwise write
        # its own entry before the first had finished.
        async with self._refusals:
            if self.denied is not None:
                raise self.denied  # already recorded for this operation: refuse again, log once
            try:
                level = await audit.authorize(
                    self.audit_sessions, principal=self.viewer.principal, category=category, action=action,
                    object_type=object_type or category.value, object_id=object_id,
                    purpose=self.purpose, request_id=self.request_id, purpose_required=self.purpose_rule,
                )
            except Exception as exc:
                self.denied = exc
                raise
        self._allowed[(category, action)] = level
        return level
