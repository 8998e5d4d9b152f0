"""Per-client and per-user request limits (HTTP 429 with ``Retry-After``), shared across instances.

The buckets live in PostgreSQL (``tenants.ratelimit``): every app instance spends from the same
bucket, and each decision is one atomic statement committed by itself, so a request that later fails
still counts. An API client's token is spent by its request gate (``api.auth.dependencies``: the
client's checks and the spend in one round trip); everyone else's by :func:`enforce_rate_limit`.
"""

from __future__ import annotations

import math

from fastapi import HTTPException, Request

from domain.identity.principal import Principal, SubjectKind
from tenants import metrics, ratelimit
from tenants.settings import Settings

WINDOW_SECONDS = 60


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


def spent(request: Request, principal: Principal, *, allowed: bool | None, tokens: float | None) -> None:
    """Note that this request's token was already spent (by the request gate); 429 when refused."""
    request.state.rate_limit_spent = True
    if allowed is None or allowed:
        return
    capacity = limit_for(request.app.state.settings, principal.kind)
    rate = capacity / WINDOW_SECONDS
    raise _refuse(principal, capacity, max(1, math.ceil((1 - (tokens or 0.0)) / rate)))


async def enforce_rate_limit(request: Request, principal: Principal, count: int = 1) -> None:
    """Spend ``count`` requests (operations of a batch) from the principal's bucket; 429 with
    ``Retry-After`` when it holds fewer. The request's own token is spent once: not again when the
    request gate already took it."""
    if count == 1 and getattr(request.state, "rate_limit_spent", False):
        return
    if count < 1:
        return
    settings: Settings = request.app.state.settings
    capacity = limit_for(settings, principal.kind)
    subject = ratelimit.subject_hash(principal.kind.value, principal.id)
    # The spend is one atomic upsert: run it in autocommit (one round trip, not BEGIN/statement/COMMIT).
    # It is still committed before the request goes on, exactly as with its own transaction.
    async with request.app.state.database.engine.connect() as conn:
        conn = await conn.execution_options(isolation_level="AUTOCOMMIT")
        decision = await ratelimit.spend(conn, subject=subject, capacity=capacity, per_seconds=WINDOW_SECONDS,
                                         count=count)
    if not decision.allowed:
        raise _refuse(principal, capacity, decision.retry_after)
