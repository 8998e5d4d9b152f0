"""The rows a viewer may see, one rule per entity: ``readable(Model, viewer)`` / ``visible(Model, viewer)``.

A rule names the matrix category of the entity and, for categories the matrix grants "own
organisation only", the clause selecting that organisation's rows. The tenant is already decided by
row-level security; a rule only narrows inside the city. A viewer without the category sees nothing,
an own-organisation viewer of an entity without an own-organisation clause sees nothing (fail closed).

Rules live beside their models (``domain/<package>/reading.py``) and register themselves; this module
imports those modules on first use so a caller never depends on import order.
"""

from __future__ import annotations

import importlib
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Select, false, select, true

from domain.access.viewer import Viewer
from domain.identity.permissions import Access, Category

OwnOrganisation = Callable[[uuid.UUID], ColumnElement[bool]]
Custom = Callable[[Viewer], ColumnElement[bool]]

_PACKAGES = ("people", "groups", "incidents", "callins", "notifications", "enforcement", "support", "outreach",
             "tasks", "programme", "identity")


@dataclass(frozen=True)
class Rule:
    category: Category | None
    own_organisation: OwnOrganisation | None = None
    custom: Custom | None = None  # an entity whose rows span categories (designations: at risk vs focus list)

    def clause(self, viewer: Viewer) -> ColumnElement[bool]:
        if self.custom is not None:
            return self.custom(viewer)
        assert self.category is not None
        return category_clause(viewer, self.category, self.own_organisation)


_RULES: dict[type, Rule] = {}
_loaded = False


def register(model: type, category: Category | None = None, *, own_organisation: OwnOrganisation | None = None,
             custom: Custom | None = None) -> None:
    _RULES[model] = Rule(category, own_organisation, custom)


def _load() -> None:
    global _loaded
    if not _loaded:
        for package in _PACKAGES:
            importlib.import_module(f"domain.{package}.reading")
        _loaded = True


def rule(model: type) -> Rule | None:
    _load()
    return _RULES.get(model)


def category_clause(viewer: Viewer, category: Category, own_organisation: OwnOrganisation | None) -> ColumnElement[bool]:
    """All rows, the viewer's organisation's rows, or none — what the matrix grants for ``category``."""
    level = viewer.access(category)
    if level is Access.all:
        return true()
    if level is Access.own_org and own_organisation is not None and viewer.organisation_id is not None:
        return own_organisation(viewer.organisation_id)
    return false()


def visible(model: type, viewer: Viewer) -> ColumnElement[bool]:
    """The WHERE clause of ``model`` rows ``viewer`` may see (``true()`` for uncategorised tables)."""
    found = rule(model)
    return true() if found is None else found.clause(viewer)


def readable(model: type, viewer: Viewer) -> Select[Any]:
    """``select(model)`` narrowed to what ``viewer`` may see: the start of every read of ``model``."""
    return select(model).where(visible(model, viewer))
