"""Per-client and per-user request limits (HTTP 429 with ``Retry-After``), shared across instances.

The buckets live in PostgreSQL (``tenants.ratelimit``): every app instance spends from the same
bucket, and each decision is one atomic statement in its own short transaction, so a request that
later fails still counts.
"""

from __future__ import annotations

import logging

from fastapi import HTTPException, Request
from sqlalchemy.exc import DBAPIError

from domain.identity.principal import Principal, SubjectKind
from tenants import metrics, ratelimit
from tenants.database import refuses_writes
from tenants.settings import Settings

log = logging.getLogger(__name__)


async def spend(request: Request, *, subject: str, capacity: int, count: int = 1) -> ratelimit.Decision:
    """Spend from the bucket shared by every instance; while the database refuses writes (read-only,
    disk full), from this process's own bucket, so reads go on and the limit still holds per instance."""
    try:
        # One atomic upsert: run it in autocommit (one round trip, not BEGIN/statement/COMMIT).
        # It is still committed before the request goes on, exactly as with its own transaction.
        async with request.app.state.database.engine.connect() as conn:
            conn = await conn.execution_options(isolation_level="AUTOCOMMIT")
            return await ratelimit.spend(conn, subject=subject, capacity=capacity, per_seconds=60, count=count)
    except DBAPIError as exc:
        if not refuses_writes(exc):
            raise
        local = getattr(request.app.state, "local_rate_limits", None)
        if local is None:
            log.warning("rate-limit buckets not writable (database read-only): limiting per instance")
            local = request.app.state.local_rate_limits = ratelimit.LocalBuckets()
        return local.spend(subject=subject, capacity=capacity, per_seconds=60, count=count)


def _limit_for(settings: Settings, principal: Principal) -> int:
    if principal.kind is SubjectKind.api_client:
        return settings.rate_limit_client_per_minute
    return settings.rate_limit_user_per_minute


async def enforce_rate_limit(request: Request, principal: Principal, count: int = 1) -> None:
    """Spend ``count`` requests (operations of a batch) from the principal's bucket; 429 with
    ``Retry-After`` when it holds fewer."""
    if count < 1:
        return
    settings: Settings = request.app.state.settings
    capacity = _limit_for(settings, principal)
    subject = ratelimit.subject_hash(principal.kind.value, principal.id)
    decision = await spend(request, subject=subject, capacity=capacity, count=count)
    if not decision.allowed:
        metrics.RATE_LIMIT_REFUSALS.labels(principal.kind.value).inc()
        raise HTTPException(
            429,
            f"rate limit of {capacity} requests per minute exceeded; retry after {decision.retry_after} s",
            headers={"Retry-After": str(decision.retry_after)},
        )
