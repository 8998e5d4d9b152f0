"""The fault barrier: no exception ever leaves the app, and a database fault is a 503/504, not a 500.

Without it an unexpected error reached uvicorn, which answered 500 without the request id and then
closed the keep-alive connection, so the client's next request on it got no answer at all. Here:

- the database being unreachable (connection refused, an admin or crash shutdown, a pooled
  connection broken by a restart, too many connections) answers ``503 problem+json`` "database
  unavailable, retry" with ``Retry-After``; a GraphQL operation that hit it in flight raises
  :class:`DatabaseUnavailable` so it gets the same answer instead of a 200 carrying driver text;
- every pooled connection busy for longer than ``GVI_POOL_TIMEOUT``: ``503`` "database connections
  all busy, retry" with ``Retry-After`` (the request queued that long, never longer);
- the database refusing writes (SQLSTATE 25006 read-only transaction, e.g. a replica promoted late or
  ``default_transaction_read_only``; 53100 disk full): ``503`` "database is read-only, writes refused,
  retry later" with ``Retry-After``. Reads that write nothing keep working; a person read, whose audit
  entry cannot be written, gets this answer too (never data without its entry);
- other insufficient resources (class 53: out of memory, a configured limit such as
  ``temp_file_limit``): ``503`` with ``Retry-After``;
- a statement stopped by ``statement_timeout`` (57014): ``504`` "the database stopped a statement
  that ran too long"; the transaction is rolled back and the connection goes back to the pool;
- anything else answers ``500 problem+json`` naming only the request id (the error goes to the log).

Neither answer carries SQL, driver text or parameters.
"""

from __future__ import annotations

import asyncio
import enum
import logging
import socket

import asyncpg
from sqlalchemy.exc import DBAPIError, DisconnectionError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.errors import problem
from api.observability import metrics
from tenants.database import WRITES_REFUSED

log = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 5

# asyncpg's server-side classes: 08 (connection exception), 57P01–57P03 (admin/crash shutdown,
# cannot connect now), 53300 (too many connections); client-side: the connection is gone.
_UNAVAILABLE = (
    asyncpg.PostgresConnectionError,
    asyncpg.AdminShutdownError,
    asyncpg.CrashShutdownError,
    asyncpg.CannotConnectNowError,
    asyncpg.TooManyConnectionsError,
    asyncpg.ConnectionDoesNotExistError,
    ConnectionError,  # refused, reset, aborted
    socket.gaierror,
    DisconnectionError,
)


class Fault(enum.Enum):
    """What a database fault means for the caller (each has one answer, see :func:`fault_response`)."""

    unavailable = "database unavailable, retry"
    pool_busy = "database connections all busy, retry"
    read_only = "database is read-only, writes refused, retry later"
    resources = "database out of resources for this request, retry later"
    timeout = ("the database stopped a statement that ran longer than allowed (statement_timeout); "
               "retry later or ask for less")


class DatabaseFault(Exception):
    """A resolver met a database fault that must answer the whole request (GraphQL)."""

    def __init__(self, fault: Fault) -> None:
        super().__init__(fault.value)
        self.fault = fault


class DatabaseUnavailable(DatabaseFault):
    """The database cannot be reached now; the request may be retried."""

    def __init__(self) -> None:
        super().__init__(Fault.unavailable)


def _chain(exc: BaseException):
    seen: set[int] = set()
    todo = [exc]
    while todo:
        e = todo.pop()
        if e is None or id(e) in seen:
            continue
        seen.add(id(e))
        yield e
        todo.extend([e.__cause__, e.__context__, getattr(e, "orig", None), getattr(e, "original_error", None)])


def _sqlstate(e: BaseException) -> str:
    return str(getattr(e, "sqlstate", None) or "")  # asyncpg's errors and SQLAlchemy's wrappers of them


def classify(exc: BaseException) -> Fault | None:
    """The database fault behind ``exc`` (anywhere in its chain), or None for any other error."""
    if is_database_unavailable(exc):
        return Fault.unavailable
    for e in _chain(exc):
        if isinstance(e, DatabaseFault):
            return e.fault
        if isinstance(e, PoolTimeout):
            return Fault.pool_busy
        state = _sqlstate(e)
        if state in WRITES_REFUSED:
            return Fault.read_only
        if state.startswith("53"):  # 53300 too many connections is caught as unavailable above
            return Fault.resources
        if isinstance(e, asyncpg.QueryCanceledError):
            return Fault.timeout
    return None


def is_database_unavailable(exc: BaseException) -> bool:
    for e in _chain(exc):
        if isinstance(e, (DatabaseUnavailable, *_UNAVAILABLE)):
            return True
        if isinstance(e, DBAPIError) and e.connection_invalidated:
            return True
        if isinstance(e, asyncpg.InterfaceError) and "connection is closed" in str(e):
            return True
        if isinstance(e, OSError) and not isinstance(e, asyncpg.PostgresError) and e.errno is not None:
            return True  # the socket (TCP or Unix) cannot be opened or was lost
        if isinstance(e, TimeoutError | asyncio.TimeoutError) and _from_connect(e):
            return True
    return False


def _from_connect(exc: BaseException) -> bool:
    tb = exc.__traceback__
    while tb is not None:
        if "connect" in tb.tb_frame.f_code.co_name:
            return True
        tb = tb.tb_next
    return False


def fault_response(fault: Fault):
    if fault is Fault.timeout:  # retrying the same request soon would most likely time out again
        return problem(504, "Gateway timeout", fault.value)
    return problem(503, "Service unavailable", fault.value, headers={"Retry-After": str(RETRY_AFTER_SECONDS)})


class FaultBarrier:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def watch(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, receive, watch)
        except Exception as exc:
            if started:  # half an answer is out: only closing the connection can tell the client
                raise
            if fault := classify(exc):
                log.warning("database fault (%s): %s", fault.name, type(exc).__name__)
                metrics.DATABASE_FAULTS.labels(fault.name).inc()
                response = fault_response(fault)
            else:
                log.error("unhandled error", exc_info=exc)
                response = problem(500, "Internal server error",
                                   "An unexpected error occurred; quote the request id when reporting it.")
            await response(scope, receive, send)
