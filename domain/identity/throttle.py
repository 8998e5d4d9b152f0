"""Login throttling and temporary lockout, held in PostgreSQL so every app instance shares it.

Two counters per attempt: the account (tenant + username) and the client address. Each failure
increments both inside a window; reaching the limit locks that key until ``locked_until``. While a
key is locked the password is not even checked. Keys are HMACs: no username or address is stored.
"""

from __future__ import annotations

import hashlib
import hmac
import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, select, text
from sqlalchemy.ext.asyncio import AsyncSession

from domain.identity.models import LoginThrottle


@dataclass(frozen=True)
class ThrottlePolicy:
    secret: bytes
    max_failures: int = 5
    ip_max_failures: int = 30
    window_seconds: int = 900
    lockout_seconds: int = 900

    def _key(self, value: str) -> str:
        return hmac.new(self.secret, value.encode(), hashlib.sha256).hexdigest()

    def account_key(self, tenant_id: uuid.UUID | None, username: str) -> str:
        return self._key(f"account:{tenant_id or 'national'}:{username.lower()}")

    def ip_key(self, address: str | None) -> str:
        return self._key(f"ip:{address or 'unknown'}")


async def locked_until(session: AsyncSession, keys: list[str]) -> datetime | None:
    """The latest lockout still in force among ``keys`` (None: not locked)."""
    return await session.scalar(
        select(LoginThrottle.locked_until)
        .where(LoginThrottle.key.in_(keys), LoginThrottle.locked_until > text("now()"))
        .order_by(LoginThrottle.locked_until.desc())
        .limit(1)
    )


_RECORD = text(
    """
    insert into login_throttle as t (key, failures, window_started_at, locked_until)
    values (:key, 1, now(), case when 1 >= :max then now() + make_interval(secs => :lock) end)
    on conflict (key) do update set
      failures = case when t.window_started_at < now() - make_interval(secs => :window) then 1
                      else t.failures + 1 end,
      window_started_at = case when t.window_started_at < now() - make_interval(secs => :window) then now()
                               else t.window_started_at end,
      locked_until = case
        when (case when t.window_started_at < now() - make_interval(secs => :window) then 1
                   else t.failures + 1 end) >= :max
        then now() + make_interval(secs => :lock)
        else t.locked_until end
    returning failures, case when locked_until > now() then locked_until end as locked_until
    """
)


async def record_failure(session: AsyncSession, key: str, *, max_failures: int, policy: ThrottlePolicy) -> datetime | None:
    """Count one failure atomically (safe under concurrent instances); returns the lockout if one started."""
    row = (
        await session.execute(
            _RECORD, {"key": key, "max": max_failures, "window": policy.window_seconds, "lock": policy.lockout_seconds}
        )
    ).one()
    return row.locked_until


async def record_failed_attempt(session: AsyncSession, policy: ThrottlePolicy, account_key: str, ip_key: str) -> datetime | None:
    a = await record_failure(session, account_key, max_failures=policy.max_failures, policy=policy)
    b = await record_failure(session, ip_key, max_failures=policy.ip_max_failures, policy=policy)
    return max((x for x in (a, b) if x is not None), default=None)


async def clear(session: AsyncSession, key: str) -> None:
    await session.execute(delete(LoginThrottle).where(LoginThrottle.key == key))
