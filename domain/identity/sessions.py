"""Server-side web sessions (global table ``web_sessions``; the cookie carries a signed random token).

A session row holds ids only; the account and its city are re-read under RLS on every request, so
disabling an account or suspending a city ends its sessions at once.
"""

from __future__ import annotations

import hashlib
import secrets
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import delete, update
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm.attributes import set_committed_value

from domain.identity.models import SessionStage, WebSession
from domain.identity.principal import SubjectKind
from tenants.database import refuses_writes


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@dataclass(frozen=True)
class SessionPolicy:
    idle_seconds: int = 1800
    absolute_seconds: int = 12 * 3600


async def create(
    session: AsyncSession,
    *,
    kind: SubjectKind,
    subject_id: uuid.UUID,
    tenant_id: uuid.UUID | None,
    stage: SessionStage,
    auth_method: str,
    policy: SessionPolicy,
) -> tuple[str, WebSession]:
    """A new session; returns the raw token (only its hash is stored)."""
    token = secrets.token_urlsafe(32)
    now = datetime.now(UTC)
    # a half-signed-in session (second factor pending) lives 10 minutes at most
    lifetime = policy.absolute_seconds if stage is SessionStage.authenticated else 600
    row = WebSession(
        id=token_hash(token), subject_kind=kind, subject_id=subject_id, subject_tenant_id=tenant_id, stage=stage,
        auth_method=auth_method, csrf_token=secrets.token_urlsafe(32), created_at=now, last_seen_at=now,
        expires_at=now + timedelta(seconds=lifetime),
    )
    session.add(row)
    await session.flush()
    return token, row


async def get_valid(session: AsyncSession, token: str, policy: SessionPolicy) -> WebSession | None:
    row = await session.get(WebSession, token_hash(token))
    if row is None:
        return None
    now = datetime.now(UTC)
    if row.expires_at <= now or row.last_seen_at + timedelta(seconds=policy.idle_seconds) <= now:
        await _unless_read_only(session, delete(WebSession).where(WebSession.id == row.id))
        return None
    if (now - row.last_seen_at).total_seconds() > 60:  # one write a minute at most
        if await _unless_read_only(session, update(WebSession).where(WebSession.id == row.id).values(last_seen_at=now)
                                          .execution_options(synchronize_session=False)):
            set_committed_value(row, "last_seen_at", now)
    return row


async def _unless_read_only(session: AsyncSession, statement) -> bool:
    """Run a housekeeping write; while the database refuses writes, skip it (False) so signed-in users
    keep reading. A skipped idle touch only makes the session run out sooner, never later."""
    try:
        async with session.begin_nested():
            await session.execute(statement)
    except DBAPIError as exc:
        if not refuses_writes(exc):
            raise
        return False
    return True


async def promote(session: AsyncSession, row: WebSession, policy: SessionPolicy) -> tuple[str, WebSession]:
    """After the second factor: a *new* session id (no fixation) in the authenticated stage."""
    token, new = await create(session, kind=row.subject_kind, subject_id=row.subject_id, tenant_id=row.subject_tenant_id,
                              stage=SessionStage.authenticated, auth_method=row.auth_method, policy=policy)
    await session.delete(row)
    await session.flush()
    return token, new


async def delete_token(session: AsyncSession, token: str) -> None:
    await session.execute(delete(WebSession).where(WebSession.id == token_hash(token)))


async def purge_expired(session: AsyncSession) -> int:
    result = await session.execute(delete(WebSession).where(WebSession.expires_at <= datetime.now(UTC)))
    return result.rowcount or 0

