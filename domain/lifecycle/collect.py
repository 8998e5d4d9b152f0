"""Helpers for subject-access collectors: rows as plain dicts, without the names of individual officers."""

from __future__ import annotations

from sqlalchemy import inspect

# Staff names and user ids are the officers' data, not the subject's (the organisation is kept).
OFFICER_FIELDS = frozenset({"assessed_by", "delivered_by", "worker", "assignee_user_id"})
ALWAYS_LEFT_OUT = frozenset({"tenant_id"}) | OFFICER_FIELDS


def row(obj: object, *, leave_out: frozenset[str] | set[str] = frozenset(), **extra: object) -> dict:
    """The mapped columns of ``obj`` (minus tenant id, officers' names and ``leave_out``), plus ``extra``."""
    skip = ALWAYS_LEFT_OUT | set(leave_out)
    out = {a.key: getattr(obj, a.key) for a in inspect(obj).mapper.column_attrs if a.key not in skip}
    out.update(extra)
    return out
