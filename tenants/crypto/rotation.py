"""Key rotation: rewrap tenant keys under a new master key; re-encrypt a tenant under new keys.

``rotate_tenant`` runs while the service runs: it adds new key versions (new writes use them, old
versions still decrypt), re-encrypts the registered columns in batches of ``batch_size`` rows —
each batch its own short transaction, rows locked only for that batch — recomputes the blind
indexes under the new index key, and only then retires the old versions.
"""

from __future__ import annotations

import asyncio
import uuid
from dataclasses import dataclass, field

from sqlalchemy import func, select, text, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from tenants.context import tenant_context
from tenants.crypto import keys, registry
from tenants.crypto.fields import blind_index, ciphertext_key_version, decrypt, encrypt
from tenants.crypto.master import keyring
from tenants.crypto.models import KeyPurpose, TenantKey
from tenants.database import transaction
from tenants.models import Tenant
from tenants.rls import quote_ident


async def rewrap_tenant_keys(sessions: async_sessionmaker[AsyncSession]) -> dict[str, int]:
    """Rewrap every tenant key not yet under the current master key; returns counts per tenant slug."""
    ring = keyring()
    async with transaction(sessions) as s:
        tenants = list(await s.scalars(select(Tenant).order_by(Tenant.slug)))
    done: dict[str, int] = {}
    for tenant in tenants:
        with tenant_context(tenant.id):
            async with transaction(sessions) as s:
                rows = (await s.scalars(
                    select(TenantKey).where(TenantKey.master_key_id != ring.current.key_id).with_for_update())).all()
                for row in rows:
                    ctx = keys.wrap_context(tenant.id, row.purpose, row.version)
                    plain = ring.for_id(row.master_key_id).unwrap(row.wrapped_key, ctx)
                    row.wrapped_key = ring.current.wrap(plain, ctx)
                    row.master_key_id = ring.current.key_id
        done[tenant.slug] = len(rows)
    return done


async def keys_not_under(sessions: async_sessionmaker[AsyncSession], key_id: str) -> int:
    """How many tenant keys (all tenants) are still wrapped by another master key."""
    async with transaction(sessions) as s:
        tenant_ids = list(await s.scalars(select(Tenant.id)))
    left = 0
    for tid in tenant_ids:
        with tenant_context(tid):
            async with transaction(sessions) as s:
                left += await s.scalar(select(func.count()).select_from(TenantKey).where(TenantKey.master_key_id != key_id))
    return left


@dataclass
class TenantRotation:
    data_version: int
    index_version: int
    rows: dict[str, int] = field(default_factory=dict)  # table → rows re-encrypted
    retired: int = 0


async def _new_versions(session: AsyncSession, tenant_id: uuid.UUID) -> tuple[int, int]:
    # serialise concurrent rotations of one tenant
    await session.execute(text("select pg_advisory_xact_lock(hashtextextended(:k, 0))"), {"k": f"gvi-rotate:{tenant_id}"})
    versions = []
    for purpose in (KeyPurpose.data, KeyPurpose.index):
        current = await session.scalar(select(func.max(TenantKey.version)).where(TenantKey.purpose == purpose)) or 0
        await keys.create_key(session, tenant_id, purpose, current + 1)
        versions.append(current + 1)
    return versions[0], versions[1]


async def _reencrypt_table(sessions, tenant_id: uuid.UUID, table: str, data_version: int, batch_size: int) -> int:
    columns = registry.encrypted_columns(table)
    indexes = registry.blind_indexes(table)
    id_column = columns[0].id_column
    t, idc = quote_ident(table), quote_ident(id_column)
    select_cols = ", ".join(quote_ident(c.column) for c in columns)
    last = None
    total = 0
    while True:
        async with transaction(sessions) as s:
            where = f"where {idc} > :last " if last is not None else ""
            rows = (await s.execute(
                text(f"select {idc} as row_id, {select_cols} from {t} {where}order by {idc} limit :n for update"),
                {"last": last, "n": batch_size} if last is not None else {"n": batch_size},
            )).all()
            if not rows:
                return total
            for row in rows:
                values: dict[str, object] = {}
                plain: dict[str, str | None] = {}
                for c in columns:
                    ct = getattr(row, c.column)
                    if ct is None:
                        plain[c.column] = None
                        continue
                    ct = bytes(ct)
                    plain[c.column] = await decrypt(s, table=table, column=c.column, row_id=row.row_id, ciphertext=ct)
                    if ciphertext_key_version(ct) != data_version:
                        values[c.column] = await encrypt(s, table=table, column=c.column, row_id=row.row_id,
                                                         plaintext=plain[c.column])
                for ix in indexes:
                    source = plain.get(ix.source_column)
                    values[ix.column] = None if source is None else await blind_index(s, purpose=ix.purpose, value=source)
                if values:
                    sets = ", ".join(f"{quote_ident(k)} = :v{i}" for i, k in enumerate(values))
                    params = {f"v{i}": v for i, v in enumerate(values.values())}
                    await s.execute(text(f"update {t} set {sets} where {idc} = :row_id"), {**params, "row_id": row.row_id})
            total += len(rows)
            last = rows[-1].row_id


async def rotate_tenant(
    sessions: async_sessionmaker[AsyncSession], *, tenant_id: uuid.UUID, batch_size: int = 500,
    settle_seconds: float = 0.0,
) -> TenantRotation:
    """New data and index key versions, every registered column re-encrypted and re-indexed, old versions retired.

    ``settle_seconds``: wait this long after adding the new versions before re-encrypting, so that other
    processes (which re-read the active version every ``keys.ACTIVE_TTL_SECONDS``) write with the new keys.
    """
    with tenant_context(tenant_id):
        async with transaction(sessions) as s:
            data_v, index_v = await _new_versions(s, tenant_id)
        keys.forget(tenant_id)
        if settle_seconds:
            await asyncio.sleep(settle_seconds)
        result = TenantRotation(data_v, index_v)
        for table in registry.tables():
            result.rows[table] = await _reencrypt_table(sessions, tenant_id, table, data_v, batch_size)
        async with transaction(sessions) as s:
            res = await s.execute(
                update(TenantKey)
                .where(TenantKey.retired_at.is_(None),
                       ((TenantKey.purpose == KeyPurpose.data) & (TenantKey.version < data_v))
                       | ((TenantKey.purpose == KeyPurpose.index) & (TenantKey.version < index_v)))
                .values(retired_at=func.now()))
            result.retired = res.rowcount
        keys.forget(tenant_id)
    return result
