"""What every command shares: settings, engines, and turning failures into one clear line.

Exit codes: 0 success, 1 a check failed, 2 bad input or an unreachable database.
"""

from __future__ import annotations

import asyncio
import socket
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from typing import TypeVar

import asyncpg
import typer
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError
from sqlalchemy.ext.asyncio import AsyncEngine

from tenants.database import DatabaseConfigError, DatabaseUrls, create_engine, describe_url, resolve_urls
from tenants.errors import DomainError
from tenants.settings import get_settings

T = TypeVar("T")

_CONNECT_ERRORS = (
    asyncpg.InvalidPasswordError,
    asyncpg.InvalidAuthorizationSpecificationError,
    asyncpg.InvalidCatalogNameError,
    asyncpg.CannotConnectNowError,
    asyncpg.TooManyConnectionsError,
)


def connection_problem(exc: BaseException, url: str) -> str | None:
    """One line naming the host, what failed and what to check — or None if not a connection failure."""
    where = describe_url(url)
    orig = getattr(exc, "orig", None) or exc
    cause = getattr(orig, "__cause__", None) or orig
    for candidate in (orig, cause, exc):
        if isinstance(candidate, socket.gaierror):
            return f"cannot reach PostgreSQL at {where}: unknown host ({candidate.strerror}); check the host in the database URL"
        if isinstance(candidate, ConnectionRefusedError):
            return f"cannot reach PostgreSQL at {where}: connection refused; check that the server runs and the host and port are right"
        if isinstance(candidate, (TimeoutError, asyncio.TimeoutError)):
            return f"cannot reach PostgreSQL at {where}: timed out; check the host, port and firewall"
        if isinstance(candidate, _CONNECT_ERRORS):
            msg = str(candidate).splitlines()[0]
            return f"PostgreSQL at {where} refused the connection: {msg}; check the user, password and database name"
        if isinstance(candidate, OSError) and not isinstance(candidate, _CONNECT_ERRORS):
            return f"cannot reach PostgreSQL at {where}: {candidate.strerror or candidate}; check the database URL"
    if isinstance(exc, (OperationalError, InterfaceError)):
        return f"cannot use PostgreSQL at {where}: {str(orig).splitlines()[0]}; check the database URL"
    return None


def refusal_line(exc: DomainError) -> str:
    """A domain refusal as one line: each field and its reason (the message already says the rest once)."""
    if exc.errors:
        return "; ".join(f"{e.field}: {e.message}" for e in exc.errors)
    return exc.message


def fail(message: str, code: int = 2) -> typer.Exit:
    typer.echo(f"error: {message}", err=True)
    return typer.Exit(code)


def run(coro_fn: Callable[[], Awaitable[T]], *, url_hint: str | None = None) -> T:
    """Run an async command body, mapping expected failures to a message and exit code 2."""
    try:
        return asyncio.run(coro_fn())
    except DomainError as exc:
        raise fail(refusal_line(exc)) from None
    except DatabaseConfigError as exc:
        raise fail(str(exc)) from None
    except (OSError, DBAPIError, asyncpg.PostgresError) as exc:
        line = connection_problem(exc, getattr(exc, "gvi_url", None) or url_hint or "")
        if line is None:
            raise
        raise fail(line) from None


def urls(*, create_cluster: bool = False) -> DatabaseUrls:
    """The database URLs; an embedded cluster is created only by ``gvi migrate`` (``create_cluster``)."""
    from tenants.embedded import NoCluster

    try:
        return resolve_urls(get_settings(), create_cluster=create_cluster)
    except (DatabaseConfigError, NoCluster) as exc:
        raise fail(str(exc)) from None
    except Exception as exc:  # e.g. the embedded server could not start
        if isinstance(exc, typer.Exit):
            raise
        raise fail(f"cannot start the embedded PostgreSQL: {exc}") from None


@asynccontextmanager
async def engine(url: str) -> AsyncIterator[AsyncEngine]:
    eng = create_engine(url, pool_size=2, max_overflow=0)
    try:
        try:
            async with eng.connect():
                pass
        except Exception as exc:
            exc.gvi_url = url  # type: ignore[attr-defined]
            raise
        yield eng
    finally:
        await eng.dispose()


def owner_url(*, create_cluster: bool = False) -> str:
    u = urls(create_cluster=create_cluster)
    if u.owner is None:
        raise fail("this command needs the owner connection: set GVI_DATABASE_URL")
    return u.owner


def echo_table(headers: list[str], rows: list[list[object]]) -> None:
    cells = [[str(c) if c is not None else "" for c in row] for row in rows]
    widths = [max(len(h), *(len(r[i]) for r in cells)) if cells else len(h) for i, h in enumerate(headers)]
    line = "  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=False))
    typer.echo(line.rstrip())
    for r in cells:
        typer.echo("  ".join(c.ljust(w) for c, w in zip(r, widths, strict=False)).rstrip())
