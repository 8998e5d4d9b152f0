"""A probe table with an encrypted identity number and its blind index, registered like a domain table would be.

Import the fixture into a test module: ``from tests.probes import probe_secrets  # noqa: F401``.
"""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from tenants.crypto import blind_index, decrypt, encrypt, registry
from tenants.rls import DEFAULT_PRIVILEGES, tenant_rls_statements
from tenants.settings import get_settings

TABLE = "probe_secrets"


@pytest.fixture(scope="session")
async def probe_secrets(owner_engine: AsyncEngine):
    async with owner_engine.begin() as conn:
        await conn.execute(text(f"""
            create table if not exists {TABLE} (
                tenant_id uuid not null references tenants(id) on delete cascade,
                id uuid not null,
                label text not null,
                pnr_enc bytea,
                pnr_hmac bytea,
                primary key (tenant_id, id))"""))
        exists = await conn.scalar(text("select count(*) from pg_policy where polrelid = cast(:t as regclass)"), {"t": TABLE})
        if not exists:
            for statement in tenant_rls_statements(TABLE, DEFAULT_PRIVILEGES, get_settings().app_role):
                await conn.execute(text(statement))
    registry.register(TABLE, "pnr_enc")
    registry.register_blind_index(TABLE, "pnr_hmac", purpose="identity_number", source_column="pnr_enc")
    yield TABLE
    registry.unregister_table(TABLE)


async def insert_secret(session: AsyncSession, tenant_id: uuid.UUID, pnr: str | None, label: str = "probe") -> uuid.UUID:
    """Insert one probe row the way a domain service stores an identity number (tenant in context)."""
    row_id = uuid.uuid4()
    enc = await encrypt(session, table=TABLE, column="pnr_enc", row_id=row_id, plaintext=pnr) if pnr else None
    idx = await blind_index(session, purpose="identity_number", value=pnr) if pnr else None
    await session.execute(text(f"insert into {TABLE} values (:t, :i, :l, :e, :h)"),
                          {"t": tenant_id, "i": row_id, "l": label, "e": enc, "h": idx})
    return row_id


async def read_secrets(session: AsyncSession) -> dict[uuid.UUID, str | None]:
    rows = (await session.execute(text(f"select id, pnr_enc from {TABLE}"))).all()
    return {r.id: await decrypt(session, table=TABLE, column="pnr_enc", row_id=r.id, ciphertext=bytes(r.pnr_enc))
            if r.pnr_enc else None for r in rows}


async def copy_out(owner_engine: AsyncEngine, tenant_id: uuid.UUID, table: str) -> str:
    """``COPY table TO STDOUT`` as the owner, with the tenant set (RLS is forced), as a dump would see it."""
    chunks: list[bytes] = []

    async def sink(chunk: bytes) -> None:
        chunks.append(chunk)

    async with owner_engine.begin() as conn:
        await conn.execute(text("select set_config('app.tenant_id', :t, true)"), {"t": str(tenant_id)})
        raw = await conn.get_raw_connection()
        await raw.driver_connection.copy_from_table(table, output=sink)
    return b"".join(chunks).decode()
