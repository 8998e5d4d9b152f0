"""The current tenant of a request, task or CLI command.

Set by authentication (never from a header or a parameter) and read by the session hook in
``tenants.database`` that scopes every transaction with ``set_config('app.tenant_id', …, true)``.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

_current_tenant: ContextVar[uuid.UUID | None] = ContextVar("gvi_current_tenant", default=None)


def current_tenant_id() -> uuid.UUID | None:
    return _current_tenant.get()


def require_tenant_id() -> uuid.UUID:
    tenant_id = _current_tenant.get()
    if tenant_id is None:
        raise RuntimeError("no tenant in context: this operation needs a tenant-scoped caller")
    return tenant_id


@contextmanager
def tenant_context(tenant_id: uuid.UUID | None) -> Iterator[None]:
    """Run a block as ``tenant_id`` (``None`` = no tenant: every tenant table reads as empty)."""
    token = _current_tenant.set(tenant_id)
    try:
        yield
    finally:
        _current_tenant.reset(token)


def set_tenant(tenant_id: uuid.UUID | None) -> None:
    """Set the tenant for the rest of the current context (used by request authentication)."""
    _current_tenant.set(tenant_id)
