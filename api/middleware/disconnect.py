"""Cancel a request's work when its client goes away (pure ASGI middleware).

Without it a request whose client has left keeps running — and so does its statement in
PostgreSQL — until it ends by itself. Here the request runs in its own task; once its body has been
read, a watcher waits for ``http.disconnect`` and cancels that task. asyncpg answers the
cancellation by cancelling the statement on the server, and the session rolls back.

- The body is passed on as the application asks for it (no buffering; a request whose body is
  still arriving is never cut short or left waiting).
- An exception raised by the server's ``receive`` reaches the application's next ``receive``.
- Once the response has been sent completely, a disconnect cancels nothing.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from typing import Any

log = logging.getLogger(__name__)

Message = dict[str, Any]


def _declares_body(scope: dict) -> bool:
    headers = dict(scope.get("headers") or ())
    if b"transfer-encoding" in headers:
        return True
    return headers.get(b"content-length", b"0").strip() not in (b"", b"0")


class CancelOnDisconnect:
    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        inbox: asyncio.Queue[Message | BaseException] = asyncio.Queue()
        wanted = asyncio.Event()  # the application waits for a message
        disconnected = asyncio.Event()
        body_pending = _declares_body(scope)
        started = responded = False

        async def pump() -> None:
            nonlocal body_pending
            while True:
                if body_pending:  # read the body only as fast as the application asks for it
                    await wanted.wait()
                    wanted.clear()
                try:
                    message = await receive()
                except Exception as exc:  # the application sees it on its next receive
                    await inbox.put(exc)
                    return
                if message["type"] == "http.request" and not message.get("more_body", False):
                    body_pending = False
                await inbox.put(message)
                if message["type"] == "http.disconnect":
                    disconnected.set()
                    return

        async def app_receive() -> Message:
            if inbox.empty():
                if disconnected.is_set():
                    return {"type": "http.disconnect"}
                wanted.set()
            item = await inbox.get()
            if isinstance(item, BaseException):
                raise item
            return item

        async def app_send(message: Message) -> None:
            nonlocal started, responded
            if message["type"] == "http.response.start":
                started = True
            elif message["type"] == "http.response.body" and not message.get("more_body", False):
                responded = True
            await send(message)

        app_task = asyncio.ensure_future(self.app(scope, app_receive, app_send))
        pump_task = asyncio.ensure_future(pump())
        try:
            await asyncio.wait({app_task, pump_task}, return_when=asyncio.FIRST_COMPLETED)
            if not app_task.done() and disconnected.is_set() and not responded:
                log.info("client disconnected from %s %s: request cancelled", scope.get("method"), scope.get("path"))
                app_task.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await app_task
                # Close the exchange for the server (which drops it: nobody is listening any more).
                if not started:
                    await send({"type": "http.response.start", "status": 499, "headers": []})
                await send({"type": "http.response.body", "body": b"", "more_body": False})
                return
            await app_task
        except asyncio.CancelledError:  # the server itself cancels us (shutdown): take the request along
            app_task.cancel()
            raise
        finally:
            pump_task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await pump_task
