"""Idempotent writes: a create retried with the same key returns the first result instead of writing twice.

The key is claimed with ``INSERT … ON CONFLICT DO NOTHING`` in the caller's transaction, before the
write. A concurrent duplicate blocks on the claimed row until the first transaction ends, then finds
the stored result (replay) — so 100 simultaneous retries still produce exactly one write. Claim,
write and result live in one savepoint: a refused write leaves no key behind, so the caller can fix
the input and retry with the same key.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import DateTime, String, Uuid, func, select, update
from sqlalchemy.dialects.postgresql import JSONB, insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped, mapped_column

from tenants.context import require_tenant_id
from tenants.errors import Conflict, ValidationFailed
from tenants.rls import Base, TenantScoped

MAX_KEY_LENGTH = 200


class IdempotencyKey(TenantScoped, Base):
    __tablename__ = "idempotency_keys"

    # Keys are scoped to the caller: two agency systems of one city may pick the same key.
    subject_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    key: Mapped[str] = mapped_column(String(MAX_KEY_LENGTH), primary_key=True)
    operation: Mapped[str] = mapped_column(String(100))
    request_hash: Mapped[str] = mapped_column(String(64))
    result: Mapped[dict[str, Any] | None] = mapped_column(JSONB)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


@dataclass(frozen=True)
class Outcome:
    result: dict[str, Any]
    replayed: bool


def request_hash(operation: str, payload: Mapping[str, Any]) -> str:
    canonical = json.dumps({"operation": operation, "input": payload}, sort_keys=True, default=str, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


def check_key(key: str, field: str = "idempotencyKey") -> None:
    if not key or len(key) > MAX_KEY_LENGTH or not key.isprintable():
        raise ValidationFailed.single(field, "invalid_idempotency_key", f"must be 1–{MAX_KEY_LENGTH} printable characters")


async def run_once(
    session: AsyncSession,
    *,
    subject_id: uuid.UUID,
    key: str,
    operation: str,
    payload: Mapping[str, Any],
    write: Callable[[], Awaitable[dict[str, Any]]],
    field: str = "idempotencyKey",
) -> Outcome:
    """Run ``write`` once per ``(subject, key)``; a replay with the same input returns the stored result.

    ``write`` returns a JSON-able result (e.g. the created id). The same key with another operation
    or input is refused with :class:`Conflict` naming ``field``.
    """
    check_key(key, field)
    digest = request_hash(operation, payload)
    tenant_id = require_tenant_id()
    async with session.begin_nested():
        claimed = await session.scalar(
            insert(IdempotencyKey)
            .values(tenant_id=tenant_id, subject_id=subject_id, key=key, operation=operation, request_hash=digest)
            .on_conflict_do_nothing()
            .returning(IdempotencyKey.key)
        )
        if claimed is None:
            # Another transaction holds (and, since we waited for it, has committed) this key.
            stored = (
                await session.execute(
                    select(IdempotencyKey.operation, IdempotencyKey.request_hash, IdempotencyKey.result).where(
                        IdempotencyKey.subject_id == subject_id, IdempotencyKey.key == key
                    )
                )
            ).one()
            if stored.operation != operation or stored.request_hash != digest or stored.result is None:
                raise Conflict.single(
                    field, "idempotency_key_reused", "this key was already used for a different request; use a new key"
                )
            return Outcome(result=stored.result, replayed=True)
        result = await write()
        await session.execute(
            update(IdempotencyKey)
            .where(IdempotencyKey.subject_id == subject_id, IdempotencyKey.key == key)
            .values(result=result)
        )
    return Outcome(result=result, replayed=False)
