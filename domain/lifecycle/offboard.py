"""Offboarding a city: export its data for the city, crypto-shred, delete its rows.

Run as the **owner** (the runtime role may not delete audit entries). Order matters:
1. the tenant is suspended (nobody signs in while it goes);
2. every tenant table is exported, encrypted fields decrypted (the data is the city's), with a
   manifest of row counts, file checksums and the verified audit-chain head;
3. the tenant's keys are deleted (crypto-shredding: any copy of its ciphertexts — backups,
   replicas — is unreadable from here on), committed on its own;
4. its rows are deleted in one transaction, children before parents;
5. the tenant is marked offboarded. Its registry row and the national aggregates stay.
"""

from __future__ import annotations

import base64
import hashlib
import json
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from domain.audit import verify as audit_verify
from domain.lifecycle.export import plain, private_dir, write_private
from tenants import service as tenant_service
from tenants.context import tenant_context
from tenants.crypto import decrypt, keys, registry
from tenants.crypto.fields import DecryptionFailed
from tenants.database import transaction
from tenants.errors import Conflict, ValidationFailed
from tenants.models import TenantStatus
from tenants.rls import quote_ident

KEYS_TABLE = "tenant_keys"
# The audit trigger lets the table owner delete a tenant's entries only with this set to that tenant.
PURGE_SETTING = "app.audit_purge_tenant"

_TENANT_TABLES = text("""
    select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
    join pg_attribute a on a.attrelid = c.oid and a.attname = 'tenant_id' and not a.attisdropped
    where n.nspname = 'public' and c.relkind in ('r', 'p') order by 1""")
_REFERENCES = text("""
    select c.relname as child, p.relname as parent from pg_constraint k
    join pg_class c on c.oid = k.conrelid join pg_class p on p.oid = k.confrelid
    join pg_namespace n on n.oid = c.relnamespace
    where k.contype = 'f' and n.nspname = 'public' and c.oid <> p.oid""")


async def tenant_tables(session: AsyncSession) -> list[str]:
    """Every table holding a city's rows, children before parents (the order to delete in)."""
    tables = list(await session.scalars(_TENANT_TABLES))
    parents: dict[str, set[str]] = {t: set() for t in tables}
    for child, parent in (await session.execute(_REFERENCES)).all():
        if child in parents and parent in parents:
            parents[child].add(parent)
    ordered: list[str] = []
    remaining = dict(parents)
    while remaining:
        # a table can go once no remaining table references it
        ready = sorted(t for t in remaining if not any(t in ps for c, ps in remaining.items() if c != t))
        if not ready:
            raise RuntimeError(f"reference cycle between {sorted(remaining)}")
        ordered += ready
        for t in ready:
            del remaining[t]
    return ordered


async def _export_table(session: AsyncSession, table: str) -> list[dict]:
    encrypted = {c.column: c for c in registry.encrypted_columns(table)}
    rows = []
    for row in (await session.execute(text(f"select * from {quote_ident(table)}"))).mappings():
        out = {}
        for key, value in row.items():
            if key in encrypted and value is not None:
                try:
                    value = await decrypt(session, table=table, column=key, row_id=row[encrypted[key].id_column],
                                          ciphertext=bytes(value))
                except DecryptionFailed:
                    value = "(does not decrypt)"
            elif isinstance(value, bytes | memoryview):
                value = "base64:" + base64.b64encode(bytes(value)).decode()
            out[key] = plain(value)
        rows.append(out)
    return rows


def _not_empty(directory: Path) -> bool:
    return directory.exists() and any(directory.iterdir())


@dataclass
class OffboardReport:
    slug: str
    export_dir: Path
    rows: dict[str, int] = field(default_factory=dict)
    keys_destroyed: int = 0


async def offboard(owner_sessions: async_sessionmaker[AsyncSession], *, slug: str, export_dir: Path) -> OffboardReport:
    async with transaction(owner_sessions) as session:
        tenant = await tenant_service.require_by_slug(session, slug)
        if tenant.status is TenantStatus.offboarded:
            raise Conflict.single("slug", "offboarded", f"tenant {slug!r} is already offboarded")
        if _not_empty(export_dir):
            raise ValidationFailed.single("export_dir", "not_empty", f"{export_dir} must be empty or not exist yet")
        await tenant_service.suspend(session, slug, reason="the city is being offboarded")
    report = OffboardReport(slug, export_dir)
    chain = await audit_verify.verify_tenant(owner_sessions, tenant)
    private_dir(export_dir)
    manifest: dict = {"format": "gvi-tenant-export/1", "tenant": slug, "tenant_id": str(tenant.id),
                      "name": tenant.name, "kommunkod": tenant.kommunkod,
                      "exported_at": datetime.now(UTC).isoformat(), "audit_chain": chain.as_checkpoint() |
                      {"verified": chain.broken is None}, "files": {}}
    with tenant_context(tenant.id):
        async with transaction(owner_sessions) as session:
            tables = await tenant_tables(session)
            for table in tables:
                if table == KEYS_TABLE:
                    continue
                rows = await _export_table(session, table)
                body = json.dumps(rows, ensure_ascii=False, indent=1)
                write_private(export_dir / f"{table}.json", body)
                manifest["files"][f"{table}.json"] = {"rows": len(rows), "sha256": hashlib.sha256(body.encode()).hexdigest()}
                report.rows[table] = len(rows)
        write_private(export_dir / "manifest.json", json.dumps(manifest, ensure_ascii=False, indent=2))

        async with transaction(owner_sessions) as session:  # crypto-shred first, committed on its own
            report.keys_destroyed = (await session.execute(text(f"delete from {KEYS_TABLE}"))).rowcount
        keys.forget(tenant.id)

        async with transaction(owner_sessions) as session:
            await session.execute(text("select set_config(:name, :tid, true)"), {"name": PURGE_SETTING, "tid": str(tenant.id)})
            for table in tables:
                await session.execute(text(f"delete from {quote_ident(table)}"))
    async with transaction(owner_sessions) as session:
        await tenant_service.set_status(session, slug, TenantStatus.offboarded)
    return report
