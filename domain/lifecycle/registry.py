"""Where domain packages plug into the lifecycle: erasers per data category and subject-access collectors.

A domain package registers in a module named ``data_lifecycle`` (found by ``load_plugins``), e.g.
``domain/people/data_lifecycle.py``::

    register_eraser(Eraser(Category.people, "people", candidates=…, erase=…))
    register_collector("people", collect_person)
    tenants.crypto.registry.register("people", "identity_number_enc")

An eraser must keep the city's figures: it removes people and the links and identifiers that point
at them, never the incident or intervention rows the figures are counted from.
"""

from __future__ import annotations

import importlib
import pkgutil
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from domain.identity.permissions import Category


@dataclass(frozen=True)
class Candidate:
    object_type: str
    object_id: uuid.UUID
    last_event_at: datetime | None


@dataclass(frozen=True)
class Eraser:
    category: Category
    name: str
    # rows of this tenant whose last event is before the cutoff (the tenant is in context)
    candidates: Callable[[AsyncSession, datetime], Awaitable[list[Candidate]]]
    # erase one candidate; returns what was removed, for the audit entry (counts, never identifiers)
    erase: Callable[[AsyncSession, Candidate], Awaitable[dict]]


# section name → async (session, person_id) -> list of rows (plain JSON values)
Collector = Callable[[AsyncSession, uuid.UUID], Awaitable[list[dict]]]

_erasers: dict[str, Eraser] = {}
_collectors: dict[str, Collector] = {}


def register_eraser(eraser: Eraser) -> None:
    _erasers[eraser.name] = eraser


def register_collector(section: str, collector: Collector) -> None:
    _collectors[section] = collector


def unregister(name: str) -> None:
    _erasers.pop(name, None)
    _collectors.pop(name, None)


def erasers(category: Category | None = None) -> list[Eraser]:
    return [e for e in _erasers.values() if category is None or e.category is category]


def collectors() -> dict[str, Collector]:
    return dict(_collectors)


def load_plugins() -> None:
    """Import every ``domain.<package>.data_lifecycle`` module so its registrations happen."""
    import domain

    for info in pkgutil.walk_packages(domain.__path__, prefix="domain."):
        if info.name.endswith(".data_lifecycle"):
            importlib.import_module(info.name)
