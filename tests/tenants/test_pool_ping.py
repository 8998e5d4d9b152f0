"""The pool's liveness check at checkout: one round trip, and a connection a restart broke is replaced."""

from __future__ import annotations

import asyncio

from sqlalchemy import event, text

from tenants import database
from tenants.database import create_engine


async def test_a_checkout_pings_a_rested_connection_in_one_round_trip(test_database, monkeypatch):
    engine = create_engine(test_database.app_url, pool_size=1, max_overflow=0)
    sent: list[str] = []
    event.listen(engine.sync_engine, "connect",
                 lambda dbapi_connection, _: dbapi_connection.driver_connection.add_query_logger(lambda q: sent.append(q.query)))
    try:
        async with engine.connect() as conn:  # a fresh connection is not pinged
            await conn.execute(text("select 1"))
        await asyncio.sleep(0.05)
        sent.clear()
        async with engine.connect() as conn:  # in steady use: the driver's own view (open) suffices
            await asyncio.sleep(0.05)
            assert sent == [], sent
        monkeypatch.setattr(database, "PING_AFTER_IDLE", 0.01)
        await asyncio.sleep(0.05)
        async with engine.connect() as conn:  # rested: asked, once
            await asyncio.sleep(0.05)
            assert sent == ["select 1"], sent  # not BEGIN, a statement and ROLLBACK
    finally:
        await engine.dispose()


async def test_connections_broken_by_a_restart_are_replaced_at_checkout(test_database, test_server):
    engine = create_engine(test_database.app_url, pool_size=2, max_overflow=0)
    try:
        async def hold_two() -> set[int]:
            async with engine.connect() as a, engine.connect() as b:
                return {await a.scalar(text("select pg_backend_pid()")), await b.scalar(text("select pg_backend_pid()"))}

        before = await hold_two()
        admin = create_engine(test_server.admin_url, pool_size=1, max_overflow=0)
        try:
            async with admin.connect() as conn:  # what a restart does to every pooled connection
                await conn.execute(text("select pg_terminate_backend(pid) from pg_stat_activity where pid = any(:pids)"),
                                   {"pids": list(before)})
        finally:
            await admin.dispose()
        await asyncio.sleep(0.2)
        after = await hold_two()  # no error: both were found dead by the ping and replaced
        assert not (before & after), (before, after)
    finally:
        await engine.dispose()
