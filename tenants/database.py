"""Database engines and tenant-scoped sessions.

Two engines, two roles: the **owner** runs migrations and operator commands; the **runtime role**
serves every request. Every transaction a session begins carries the current tenant through
``set_config('app.tenant_id', :id, true)`` — transaction-local, so a pooled connection never keeps
a previous request's tenant.
"""

from __future__ import annotations

import time
import weakref
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any

import asyncpg
from sqlalchemy import event, make_url, text
from sqlalchemy.engine import URL
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker, create_async_engine
from sqlalchemy.orm import Session
from sqlalchemy.util.concurrency import await_

from tenants import calendar, validation
from tenants.context import current_tenant_id
from tenants.settings import Settings

_SET_TENANT = text("select set_config('app.tenant_id', :tenant_id, true)")


class TenantSession(Session):
    """Sync session class behind every AsyncSession of the platform (carries the hooks below)."""


validation.install(TenantSession)  # every value checked against its column before a flush

@event.listens_for(TenantSession, "after_begin")
def _scope_transaction_to_tenant(session: Session, transaction, connection) -> None:
    tenant_id = current_tenant_id()
    # An empty string (not a missing setting) for "no tenant": the policies treat both as no rows.
    connection.execute(_SET_TENANT, {"tenant_id": str(tenant_id) if tenant_id else ""})


async def scope_transaction(session: AsyncSession) -> None:
    """Scope the session's open transaction to the current tenant, for a transaction that learns its
    tenant midway (a web session's lookup, before the city it names is read)."""
    tenant_id = current_tenant_id()
    await session.execute(_SET_TENANT, {"tenant_id": str(tenant_id) if tenant_id else ""})


@dataclass(frozen=True)
class DatabaseUrls:
    owner: str | None
    app: str


class DatabaseConfigError(Exception):
    """Settings that cannot describe a database (reported as one line, exit code 2)."""


def normalise_url(url: str) -> str:
    """Accept ``postgres://`` and ``postgresql://`` URLs and use the asyncpg driver."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "postgresql":
        raise DatabaseConfigError(f"not a PostgreSQL URL: {parsed.render_as_string(hide_password=True)}")
    return parsed.set(drivername="postgresql+asyncpg").render_as_string(hide_password=False)


def _derive_app_url(owner_url: str, settings: Settings) -> str:
    parsed = make_url(owner_url).set(username=settings.app_role, password=settings.app_database_password)
    return parsed.render_as_string(hide_password=False)


def resolve_urls(settings: Settings, *, create_cluster: bool = True) -> DatabaseUrls:
    """Owner and runtime URLs from the settings, starting the embedded server when none are set
    (creating its cluster only with ``create_cluster``)."""
    if settings.database_url:
        owner = normalise_url(settings.database_url)
        app = normalise_url(settings.app_database_url) if settings.app_database_url else _derive_app_url(owner, settings)
        return DatabaseUrls(owner=owner, app=app)
    if settings.app_database_url:  # runtime only (e.g. an app server that never migrates)
        return DatabaseUrls(owner=None, app=normalise_url(settings.app_database_url))
    from tenants import embedded

    urls = embedded.start(settings.data_dir, settings.owner_role, settings.app_role, create=create_cluster)
    return DatabaseUrls(owner=urls.owner, app=urls.app)


def describe_url(url: str) -> str:
    """``user@host:port/db`` without the password, for messages."""
    u: URL = make_url(url)
    host = u.host or u.query.get("host") or "localhost"
    port = f":{u.port}" if u.port else ""
    return f"{u.username or ''}@{host}{port}/{u.database or ''}"


# SQLSTATEs of a database that refuses every write for now: 25006 read-only transaction (a read-only
# default, a standby), 53100 disk full. Reads still work; callers decide what a write they need means.
WRITES_REFUSED = frozenset({"25006", "53100"})


def refuses_writes(exc: BaseException) -> bool:
    """Whether ``exc`` (or what it wraps) is the database refusing writes (:data:`WRITES_REFUSED`)."""
    seen: set[int] = set()
    todo: list[BaseException | None] = [exc]
    while todo:
        e = todo.pop()
        if e is None or id(e) in seen:
            continue
        seen.add(id(e))
        if str(getattr(e, "sqlstate", None) or "") in WRITES_REFUSED:
            return True
        todo += [e.__cause__, e.__context__, getattr(e, "orig", None)]
    return False


def create_engine(url: str, *, pool_size: int = 10, max_overflow: int = 10, **kwargs) -> AsyncEngine:
    engine = create_async_engine(
        url,
        pool_size=pool_size,
        max_overflow=max_overflow,
        # A pooled connection broken by a database restart is replaced at checkout instead of
        # failing the first request after the outage.
        pool_pre_ping=True,
        # Bound parameters (person names, identity numbers) never appear in error messages or logs.
        hide_parameters=True,
        connect_args={"server_settings": {"application_name": "gvi"}},
        **kwargs,
    )
    calendar.install(engine.sync_engine)  # no infinite dates or unstorable text ever reach the driver
    engine.sync_engine.dialect.do_ping = _ping  # type: ignore[method-assign]
    event.listen(engine.sync_engine.pool, "checkin", _note_checkin)
    return engine


# Seconds a pooled connection may rest before its checkout asks the server whether it is still there.
PING_AFTER_IDLE = 5.0
_checked_in: weakref.WeakKeyDictionary[Any, float] = weakref.WeakKeyDictionary()


def _note_checkin(dbapi_connection: Any, _record: Any) -> None:
    if dbapi_connection is not None:
        _checked_in[dbapi_connection.driver_connection] = time.monotonic()


def _ping(dbapi_connection: Any) -> bool:
    """The pool's liveness check at checkout: no round trip for a connection in steady use, one for a
    rested one.

    A server that ends a session (a restart, a terminated backend, a failover of the old primary) closes
    its socket, and the driver notices on the event loop at once: such a connection is closed and is
    replaced here, with every pooled connection older than it (a restart broke them all), and the request
    goes on with a new one. A connection handed back moments ago needs no more than that. One that rested
    longer also gets a simple query (no statement to prepare) — the driver dialect's own ping wraps its
    statement in BEGIN and ROLLBACK, three round trips before every request's first statement.
    """
    driver = dbapi_connection.driver_connection
    if driver.is_closed():
        return False
    rested = _checked_in.get(driver)
    if rested is not None and time.monotonic() - rested < PING_AFTER_IDLE:
        return True
    try:
        await_(dbapi_connection.driver_connection.execute("select 1"))
    except (asyncpg.PostgresError, asyncpg.InterfaceError, OSError):
        return False
    return True


def session_factory(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return async_sessionmaker(engine, sync_session_class=TenantSession, expire_on_commit=False)


@asynccontextmanager
async def transaction(factory: async_sessionmaker[AsyncSession], **bind) -> AsyncIterator[AsyncSession]:
    """One unit of work: commit on success, roll back on any error (services only flush). ``bind=``
    runs it on a connection the caller holds (which stays open after it)."""
    async with factory(**bind) as session, session.begin():
        yield session


@dataclass(frozen=True)
class NationalUrls:
    """Connections of national statistics: one role per job, never the runtime role."""

    reader: str  # national users' requests (GVI_NATIONAL_ROLE: SELECT on the national schema)
    writer: str  # `gvi national refresh` (GVI_NATIONAL_WRITER_ROLE)
    publisher: str  # releases and publications (GVI_NATIONAL_PUBLISHER_ROLE)


def _derive(base: str, user: str, password: str | None) -> str:
    return make_url(base).set(username=user, password=password).render_as_string(hide_password=False)


def resolve_national_urls(settings: Settings, urls: DatabaseUrls | None = None) -> NationalUrls:
    """Each URL from its own setting, else the owner's (or runtime's) server with that role's user.

    A job given only its own URL (the refresh CronJob) never resolves, let alone starts, anything else.
    """
    resolved: list[DatabaseUrls] = [urls] if urls else []

    def pick(url: str | None, user: str, password: str | None) -> str:
        if url:
            return normalise_url(url)
        if not resolved:
            resolved.append(resolve_urls(settings))
        return _derive(resolved[0].owner or resolved[0].app, user, password)

    return NationalUrls(
        reader=pick(settings.national_database_url, settings.national_role, settings.national_database_password),
        writer=pick(settings.national_writer_database_url, settings.national_writer_role,
                    settings.national_writer_database_password),
        publisher=pick(settings.national_publisher_database_url, settings.national_publisher_role,
                       settings.national_publisher_database_password),
    )
