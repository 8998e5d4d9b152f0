"""Row-level security as the runtime role: a tenant sees and touches only its own rows."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from tenants.context import tenant_context
from tests.conftest import spare_kommunkod

pytestmark = pytest.mark.usefixtures("probe_tables")


async def seed(db: AsyncSession, tenant, rows: list[tuple[int, str]]) -> None:
    with tenant_context(tenant.id):
        async with db.begin_nested():
            for id_, label in rows:
                await db.execute(
                    text("insert into probe_parent (tenant_id, id, label) values (:t, :i, :l)"),
                    {"t": tenant.id, "i": id_, "l": label},
                )


async def in_tenant(db: AsyncSession, tenant_id, sql: str, params: dict | None = None):
    """Run one statement in its own (savepoint) transaction as ``tenant_id``."""
    with tenant_context(tenant_id):
        async with db.begin_nested():
            # the session hook sets app.tenant_id only when a transaction begins; the outer one
            # began before, so scope explicitly here like the hook does.
            await db.execute(text("select set_config('app.tenant_id', :t, true)"), {"t": str(tenant_id or "")})
            return await db.execute(text(sql), params or {})


@pytest.fixture
async def two_cities(db, tenant_a, tenant_b):
    await seed(db, tenant_a, [(1, "a-one"), (2, "a-two")])
    await seed(db, tenant_b, [(1, "b-one"), (3, "b-three")])
    return tenant_a, tenant_b


async def test_select_sees_only_own_rows(db, two_cities):
    a, b = two_cities
    rows = (await in_tenant(db, a.id, "select tenant_id, label from probe_parent order by id")).all()
    assert [r.label for r in rows] == ["a-one", "a-two"]
    assert {r.tenant_id for r in rows} == {a.id}
    # even asking for B's rows by tenant_id explicitly returns nothing
    got = (await in_tenant(db, a.id, "select * from probe_parent where tenant_id = :b", {"b": b.id})).all()
    assert got == []


async def test_update_and_delete_cannot_touch_other_tenant(db, two_cities):
    a, b = two_cities
    res = await in_tenant(db, a.id, "update probe_parent set label = 'hacked' where tenant_id = :b", {"b": b.id})
    assert res.rowcount == 0
    res = await in_tenant(db, a.id, "delete from probe_parent where tenant_id = :b", {"b": b.id})
    assert res.rowcount == 0
    labels = (await in_tenant(db, b.id, "select label from probe_parent order by id")).scalars().all()
    assert labels == ["b-one", "b-three"]


async def test_insert_with_other_tenant_id_is_rejected(db, two_cities):
    a, b = two_cities
    with pytest.raises(DBAPIError, match="row-level security"):
        await in_tenant(db, a.id, "insert into probe_parent values (:b, 99, 'smuggled')", {"b": b.id})


async def test_update_cannot_move_row_into_other_tenant(db, two_cities):
    a, b = two_cities
    with pytest.raises(DBAPIError, match="row-level security"):
        await in_tenant(db, a.id, "update probe_parent set tenant_id = :b where id = 1", {"b": b.id})


async def test_no_tenant_means_no_rows_and_no_inserts(db, two_cities):
    a, _ = two_cities
    assert (await in_tenant(db, None, "select count(*) from probe_parent")).scalar() == 0
    with pytest.raises(DBAPIError, match="row-level security"):
        await in_tenant(db, None, "insert into probe_parent values (:a, 50, 'x')", {"a": a.id})


async def test_composite_foreign_key_refuses_reference_into_other_tenant(owner_engine, app_engine):
    """Even the owner (RLS forced, so it sees rows only in context) cannot link across tenants."""
    import uuid

    from tenants.database import session_factory
    from tenants.models import Tenant

    sessions = session_factory(app_engine)
    a_id, b_id = uuid.uuid4(), uuid.uuid4()
    async with sessions() as s, s.begin():
        s.add_all([Tenant(id=a_id, slug=f"fk-a-{a_id.hex[:6]}", name="A", kommunkod=spare_kommunkod()),
                   Tenant(id=b_id, slug=f"fk-b-{b_id.hex[:6]}", name="B", kommunkod=spare_kommunkod())])
    try:
        with tenant_context(b_id):
            async with sessions() as s, s.begin():
                await s.execute(text("insert into probe_parent values (:b, 7, 'b-parent')"), {"b": b_id})
        # tenant A references B's parent id 7: (A, 7) does not exist, so the composite key refuses
        with tenant_context(a_id), pytest.raises(IntegrityError, match="foreign key"):
            async with sessions() as s, s.begin():
                await s.execute(text("insert into probe_child values (:a, 1, 7)"), {"a": a_id})
    finally:
        async with owner_engine.begin() as conn:
            await conn.execute(text("delete from tenants where id in (:a, :b)"), {"a": a_id, "b": b_id})


async def test_session_hook_scopes_each_transaction(app_engine, db):
    """The after_begin hook sets the tenant transaction-locally, never for the session."""
    import uuid

    from tenants.database import session_factory

    sessions = session_factory(app_engine)
    tid = uuid.uuid4()
    with tenant_context(tid):
        async with sessions() as s, s.begin():
            assert await s.scalar(text("select current_setting('app.tenant_id', true)")) == str(tid)
    async with sessions() as s, s.begin():
        assert await s.scalar(text("select current_setting('app.tenant_id', true)")) == ""
