"""Request-rate limits shared by every app instance, kept in PostgreSQL (no extra service to run).

One token bucket per subject (an API client or a user), keyed by a hash of the subject so the table
holds no identities. Each request refills and spends in ONE atomic upsert, so concurrent instances
never lose an update and there is no read-then-write race.
"""

from __future__ import annotations

import hashlib
import math
import threading
import time
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Boolean, DateTime, Float, String, text
from sqlalchemy.ext.asyncio import AsyncConnection
from sqlalchemy.orm import Mapped, mapped_column

from tenants.rls import Base


class RateLimitBucket(Base):
    __tablename__ = "rate_limit_buckets"

    subject_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    tokens: Mapped[float] = mapped_column(Float)
    allowed: Mapped[bool] = mapped_column(Boolean)  # outcome of the last request
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


# refill = tokens earned since the last request, capped at the capacity; spend :count if there are.
_REFILLED = (
    "least(cast(:capacity as float8), b.tokens"
    " + cast(extract(epoch from now() - b.updated_at) as float8) * cast(:rate as float8))"
)
_SPEND_SQL = f"""
    insert into rate_limit_buckets as b (subject_hash, tokens, allowed, updated_at)
    values (:subject, cast(:capacity as float8) - cast(:count as float8), cast(:count as float8) <= cast(:capacity as float8), now())
    on conflict (subject_hash) do update set
        tokens = case when {_REFILLED} >= cast(:count as float8) then {_REFILLED} - cast(:count as float8) else {_REFILLED} end,
        allowed = {_REFILLED} >= cast(:count as float8),
        updated_at = now()
    returning allowed, tokens
"""
_SPEND = text(_SPEND_SQL)
# the same statement for the driver itself ($1…$4: subject, capacity, rate, count)
_SPEND_DRIVER = (_SPEND_SQL.replace(":subject", "$1").replace(":capacity", "$2").replace(":rate", "$3")
                 .replace(":count", "$4"))


@dataclass(frozen=True)
class Decision:
    allowed: bool
    retry_after: int  # whole seconds until one token is available (0 when allowed)


def subject_hash(kind: str, subject_id: object) -> str:
    return hashlib.sha256(f"{kind}:{subject_id}".encode()).hexdigest()


async def spend(conn: AsyncConnection, *, subject: str, capacity: int, per_seconds: float, count: int = 1) -> Decision:
    """Take ``count`` tokens from ``subject``'s bucket (``capacity`` requests per ``per_seconds``)."""
    rate = capacity / per_seconds
    row = (await conn.execute(_SPEND, {"subject": subject, "capacity": capacity, "rate": rate, "count": count})).one()
    if row.allowed:
        return Decision(True, 0)
    return Decision(False, max(1, math.ceil((count - row.tokens) / rate)))


async def spend_on_driver(driver: Any, *, subject: str, capacity: int, per_seconds: float, count: int = 1) -> Decision:
    """:func:`spend` on a raw driver connection outside a transaction: the upsert commits by itself."""
    rate = capacity / per_seconds
    row = await driver.fetchrow(_SPEND_DRIVER, subject, float(capacity), rate, float(count))
    if row["allowed"]:
        return Decision(True, 0)
    return Decision(False, max(1, math.ceil((count - row["tokens"]) / rate)))


class LocalBuckets:
    """The same token buckets in this process only: the fallback while the database refuses writes
    (read-only, disk full), so the limit still holds per instance instead of every request failing."""

    def __init__(self) -> None:
        self._buckets: dict[str, tuple[float, float]] = {}  # subject -> (tokens, monotonic time)
        self._lock = threading.Lock()

    def spend(self, *, subject: str, capacity: int, per_seconds: float, count: int = 1) -> Decision:
        rate = capacity / per_seconds
        now = time.monotonic()
        with self._lock:
            tokens, then = self._buckets.get(subject, (float(capacity), now))
            tokens = min(float(capacity), tokens + (now - then) * rate)
            allowed = tokens >= count
            self._buckets[subject] = (tokens - count if allowed else tokens, now)
        if allowed:
            return Decision(True, 0)
        return Decision(False, max(1, math.ceil((count - tokens) / rate)))
