"""Probe tables built with the same convention as every tenant table (``tenant_rls_statements``).

They let the foundation prove the convention itself before any domain table exists.
"""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from tenants.rls import DEFAULT_PRIVILEGES, tenant_rls_statements
from tenants.settings import get_settings


@pytest.fixture(scope="session")
async def probe_tables(owner_engine: AsyncEngine) -> None:
    app_role = get_settings().app_role
    async with owner_engine.begin() as conn:
        await conn.execute(text("""
            create table probe_parent (
                tenant_id uuid not null references tenants(id) on delete cascade,
                id int not null,
                label text not null,
                primary key (tenant_id, id))"""))
        await conn.execute(text("""
            create table probe_child (
                tenant_id uuid not null references tenants(id) on delete cascade,
                id int not null,
                parent_id int not null,
                primary key (tenant_id, id),
                foreign key (tenant_id, parent_id) references probe_parent (tenant_id, id))"""))
        for table in ("probe_parent", "probe_child"):
            for statement in tenant_rls_statements(table, DEFAULT_PRIVILEGES, app_role):
                await conn.execute(text(statement))
