"""Per-client and per-user request limits (HTTP 429 with ``Retry-After``), shared across instances.

The buckets live in PostgreSQL (``tenants.ratelimit``): every app instance spends from the same
bucket, and each decision is one atomic statement committed by itself, so a request that later fails
still counts. An API client's token is spent by its request gate (``api.auth.dependencies``: the
client's checks and the spend in one round trip); everyone else's by :func:`enforce_rate_limit`.
"""

from __future__ import annotations

import logging
import math

import asyncpg
from fastapi import HTTPException, Request
from sqlalchemy.exc import DBAPIError

from api.db import held_connection, on_driver
from domain.identity.principal import Principal, SubjectKind
from tenants import metrics, ratelimit
from tenants.database import refuses_writes
from tenants.settings import Settings

log = logging.getLogger(__name__)

WINDOW_SECONDS = 60


async def spend(request: Request, *, subject: str, capacity: int, count: int = 1) -> ratelimit.Decision:
    """Spend from the bucket shared by every instance; while the database refuses writes (read-only,
    disk full), from this process's own bucket, so reads go on and the limit still holds per instance."""
    try:
        # One atomic upsert in autocommit (one round trip, not BEGIN/statement/COMMIT), committed before
        # the request goes on. On the connection the request holds, when it holds one: a second checkout
        # while holding the first would deadlock once every pooled connection is held that way.
        if held_connection(request) is not None:
            return await on_driver(request, lambda driver: ratelimit.spend_on_driver(
                driver, subject=subject, capacity=capacity, per_seconds=WINDOW_SECONDS, count=count))
        async with request.app.state.database.engine.connect() as conn:
            conn = await conn.execution_options(isolation_level="AUTOCOMMIT")
            return await ratelimit.spend(conn, subject=subject, capacity=capacity, per_seconds=WINDOW_SECONDS,
                                         count=count)
    except (DBAPIError, asyncpg.PostgresError) as exc:
        if not refuses_writes(exc):
            raise
        return local_spend(request, subject=subject, capacity=capacity, count=count)


def local_spend(request: Request, *, subject: str, capacity: int, count: int = 1) -> ratelimit.Decision:
    """This process's own bucket, while the shared ones cannot be written."""
    local = getattr(request.app.state, "local_rate_limits", None)
    if local is None:
        log.warning("rate-limit buckets not writable (database read-only): limiting per instance")
        local = request.app.state.local_rate_limits = ratelimit.LocalBuckets()
    return local.spend(subject=subject, capacity=capacity, per_seconds=WINDOW_SECONDS, count=count)


def limit_for(settings: Settings, kind: SubjectKind) -> int:
    if kind is SubjectKind.api_client:
        return settings.rate_limit_client_per_minute
    return settings.rate_limit_user_per_minute


def _refuse(principal: Principal, capacity: int, retry_after: int) -> HTTPException:
    metrics.RATE_LIMIT_REFUSALS.labels(principal.kind.value).inc()
    return HTTPException(
        429,
        f"rate limit of {capacity} requests per minute exceeded; retry after {retry_after} s",
        headers={"Retry-After": str(retry_after)},
    )


def spent(request: Request, principal: Principal, *, allowed: bool | None, tokens: float | None,
          retry_after: int | None = None) -> None:
    """Note that this request's token was already spent (by the request gate); 429 when refused."""
    request.state.rate_limit_spent = True
    if allowed is None or allowed:
        return
    capacity = limit_for(request.app.state.settings, principal.kind)
    if retry_after is None:
        retry_after = max(1, math.ceil((1 - (tokens or 0.0)) / (capacity / WINDOW_SECONDS)))
    raise _refuse(principal, capacity, retry_after)


async def enforce_rate_limit(request: Request, principal: Principal, count: int = 1) -> None:
    """Spend ``count`` requests (operations of a batch) from the principal's bucket; 429 with
    ``Retry-After`` when it holds fewer. The request's own token is spent once: not again when the
    request gate already took it."""
    if count == 1 and getattr(request.state, "rate_limit_spent", False):
        return
    if count < 1:
        return
    capacity = limit_for(request.app.state.settings, principal.kind)
    subject = ratelimit.subject_hash(principal.kind.value, principal.id)
    decision = await spend(request, subject=subject, capacity=capacity, count=count)
    if not decision.allowed:
        raise _refuse(principal, capacity, decision.retry_after)
