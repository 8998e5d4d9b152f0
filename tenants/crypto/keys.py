"""Per-tenant keys: created on first use, unwrapped once per process and cached briefly."""

from __future__ import annotations

import time
import uuid

from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from tenants.context import require_tenant_id
from tenants.crypto.master import keyring, master_key
from tenants.crypto.models import KeyPurpose, TenantKey

# The active version may change by rotation in another process: re-read it after this many seconds.
ACTIVE_TTL_SECONDS = 30.0

_keys: dict[tuple[uuid.UUID, KeyPurpose, int], bytes] = {}
_active: dict[tuple[uuid.UUID, KeyPurpose], tuple[int, float]] = {}


def wrap_context(tenant_id: uuid.UUID, purpose: KeyPurpose, version: int) -> bytes:
    return f"gvi-tenant-key|{tenant_id}|{purpose.value}|{version}".encode()


def forget(tenant_id: uuid.UUID | None = None) -> None:
    """Drop cached keys (all, or one tenant's) — after rotation or crypto-shredding."""
    for cache in (_keys, _active):
        for k in [k for k in cache if tenant_id is None or k[0] == tenant_id]:
            del cache[k]


async def _load(session: AsyncSession, tenant_id: uuid.UUID, purpose: KeyPurpose, version: int) -> bytes:
    cached = _keys.get((tenant_id, purpose, version))
    if cached is not None:
        return cached
    row = await session.get(TenantKey, (tenant_id, purpose, version))
    if row is None:
        raise LookupError(f"key {purpose.value} v{version} of this tenant does not exist (destroyed?)")
    key = keyring().for_id(row.master_key_id).unwrap(row.wrapped_key, wrap_context(tenant_id, purpose, version))
    _keys[(tenant_id, purpose, version)] = key
    return key


async def create_key(session: AsyncSession, tenant_id: uuid.UUID, purpose: KeyPurpose, version: int) -> None:
    """Insert a fresh wrapped key unless that version already exists (safe under concurrency)."""
    key = AESGCM.generate_key(bit_length=256)
    mk = master_key()
    await session.execute(
        insert(TenantKey)
        .values(tenant_id=tenant_id, purpose=purpose, version=version,
                wrapped_key=mk.wrap(key, wrap_context(tenant_id, purpose, version)), master_key_id=mk.key_id)
        .on_conflict_do_nothing()
    )


async def active_key(session: AsyncSession, purpose: KeyPurpose) -> tuple[int, bytes]:
    """The current tenant's active key of ``purpose``: (version, key), created on first use."""
    tenant_id = require_tenant_id()
    hit = _active.get((tenant_id, purpose))
    if hit and time.monotonic() - hit[1] < ACTIVE_TTL_SECONDS:
        return hit[0], await _load(session, tenant_id, purpose, hit[0])
    stmt = (select(TenantKey.version).where(TenantKey.purpose == purpose, TenantKey.retired_at.is_(None))
            .order_by(TenantKey.version.desc()).limit(1))
    version = await session.scalar(stmt)
    if version is None:
        await create_key(session, tenant_id, purpose, 1)
        version = await session.scalar(stmt)
    _active[(tenant_id, purpose)] = (version, time.monotonic())
    return version, await _load(session, tenant_id, purpose, version)


async def key_version(session: AsyncSession, purpose: KeyPurpose, version: int) -> bytes:
    return await _load(session, require_tenant_id(), purpose, version)
