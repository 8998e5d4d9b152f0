"""The fault barrier: no exception ever leaves the app, and "database away" is a 503, not a 500.

Without it an unexpected error reached uvicorn, which answered 500 without the request id and then
closed the keep-alive connection, so the client's next request on it got no answer at all. Here:

- the database being unreachable (connection refused, an admin or crash shutdown, a pooled
  connection broken by a restart, too many connections) answers ``503 problem+json`` "database
  unavailable, retry" with ``Retry-After``; a GraphQL operation that hit it in flight raises
  :class:`DatabaseUnavailable` so it gets the same answer instead of a 200 carrying driver text;
- anything else answers ``500 problem+json`` naming only the request id (the error goes to the log).

Neither answer carries SQL, driver text or parameters.
"""

from __future__ import annotations

import asyncio
import logging
import socket

import asyncpg
from sqlalchemy.exc import DBAPIError, DisconnectionError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.errors import problem

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
    PoolTimeout,  # every pooled connection is stuck waiting for a server that does not answer
)


class DatabaseUnavailable(Exception):
    """The database cannot be reached now; the request may be retried."""


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


def unavailable_response():
    return problem(503, "Service unavailable", "database unavailable, retry",
                   headers={"Retry-After": str(RETRY_AFTER_SECONDS)})


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
            if is_database_unavailable(exc):
                log.warning("database unavailable: %s", type(exc).__name__)
                response = unavailable_response()
            else:
                log.error("unhandled error", exc_info=exc)
                response = problem(500, "Internal server error",
                                   "An unexpected error occurred; quote the request id when reporting it.")
            await response(scope, receive, send)
