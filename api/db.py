"""The app's database handles and the per-request session dependency."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Annotated, Any, TypeVar

import asyncpg
from fastapi import Depends, Request
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, AsyncSession, async_sessionmaker
from starlette.exceptions import HTTPException

from tenants.errors import DomainError

T = TypeVar("T")


@dataclass
class NationalDatabase:
    """National statistics' connections: national users read as the national role; releases are
    requested and published as the publisher role (the national schema only). Never the runtime role."""

    reader_engine: AsyncEngine
    reader_sessions: async_sessionmaker[AsyncSession]
    publisher_engine: AsyncEngine
    publisher_sessions: async_sessionmaker[AsyncSession]
    tasks: set = field(default_factory=set)  # background release jobs of this instance


@dataclass
class Database:
    engine: AsyncEngine  # the runtime role; the request path never sees the owner
    sessions: async_sessionmaker[AsyncSession]
    # Autonomous audit transactions (reads, searches, refusals) are written while the request still
    # holds its own connection. They get their own small pool: otherwise, with as many concurrent
    # requests as pooled connections, every request holds one and waits for a second that never frees.
    audit_engine: AsyncEngine | None = None
    audit_sessions: async_sessionmaker[AsyncSession] | None = None
    national: NationalDatabase | None = None



async def get_session(request: Request) -> AsyncIterator[AsyncSession]:
    """One transaction per request, committed once at the end (services only flush)."""
    database: Database = request.app.state.database
    async with database.sessions() as session, session.begin():
        yield session


SessionDep = Annotated[AsyncSession, Depends(get_session)]


async def hold_connection(request: Request) -> AsyncIterator[None]:
    """Dependency: the request's database work — authentication, then its own transaction — shares ONE
    pooled connection (one checkout and one liveness ping, not one per step). Released at the end."""
    request.state.hold_connection = True
    try:
        yield
    except (HTTPException, DomainError):  # a refusal (401, 403, 429…): the connection is idle, reuse it
        conn = _release(request)
        if conn is not None:
            await conn.close()
        raise
    except BaseException:
        # The request failed or was cancelled, perhaps mid-statement on this connection: its driver
        # connection may still be busy, so it is dropped rather than handed to the next request.
        conn = _release(request)
        if conn is not None:
            await conn.invalidate()
        raise
    conn = _release(request)
    if conn is not None:
        await conn.close()


def _release(request: Request) -> AsyncConnection | None:
    conn: AsyncConnection | None = getattr(request.state, "connection", None)
    if conn is not None:
        del request.state.connection
    return conn


@asynccontextmanager
async def checkout(request: Request) -> AsyncIterator[AsyncConnection]:
    """A runtime-role connection for one step of the request: the held one when the request holds one."""
    if not getattr(request.state, "hold_connection", False):
        async with request.app.state.database.engine.connect() as conn:
            yield conn
        return
    conn = getattr(request.state, "connection", None)
    if conn is None:
        conn = request.state.connection = await request.app.state.database.engine.connect()
    yield conn


def held_connection(request: Request) -> AsyncConnection | None:
    """The connection authentication left for the request's transaction, if any."""
    return getattr(request.state, "connection", None)


async def on_driver(request: Request, work: Callable[[Any], Awaitable[T]]) -> T:
    """``work(driver_connection)`` on the request's connection (the held one when the request holds one),
    outside any transaction: each statement commits by itself, in one round trip.

    Past SQLAlchemy, so it cannot tell: a call that failed in the driver or was cancelled may leave the
    connection broken or mid-operation, and such a connection must never be pooled again. An error the
    server answered leaves it idle and sound.
    """
    async with checkout(request) as conn:
        raw = await conn.get_raw_connection()
        try:
            return await work(raw.driver_connection)
        except asyncpg.PostgresError:
            raise
        except BaseException:
            await conn.invalidate()
            raise
