"""A request whose client leaves is cancelled, its statement with it (issue 9.1); the middleware
never cuts a body short, never hangs and passes the server's errors on."""

from __future__ import annotations

import asyncio
import socket
import time

import pytest
import uvicorn
from fastapi import Request
from sqlalchemy import text

from api.app import create_app
from api.middleware.disconnect import CancelOnDisconnect
from tenants.settings import Settings

SLEEP = "select pg_sleep(25) /* disconnect-test */"
RUNNING = text("select count(*) from pg_stat_activity where query like '%disconnect-test%' "
               "and query not like '%pg_stat_activity%' and state = 'active'")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


async def wait_for(predicate, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if await predicate():
            return True
        await asyncio.sleep(0.1)
    return False


@pytest.fixture
async def server(test_database):
    app = create_app(Settings(env="test"), app_database_url=test_database.app_url)

    @app.get("/test/slow")
    async def slow(request: Request) -> dict:
        async with request.app.state.database.sessions() as session:
            await session.execute(text(SLEEP))
        return {"done": True}

    @app.post("/test/echo")
    async def echo(request: Request) -> dict:
        return {"length": len(await request.body())}

    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_config=None, lifespan="on"))
    task = asyncio.create_task(server.serve())
    assert await wait_for(lambda: asyncio.sleep(0, server.started), 20)
    yield port
    server.should_exit = True
    await asyncio.wait_for(task, 30)


async def test_a_disconnected_request_cancels_its_statement(server, app_engine):
    async def running() -> int:
        async with app_engine.connect() as conn:
            return (await conn.execute(RUNNING)).scalar()

    reader, writer = await asyncio.open_connection("127.0.0.1", server)
    writer.write(b"GET /test/slow HTTP/1.1\r\nHost: testserver\r\n\r\n")
    await writer.drain()
    assert await wait_for(lambda: running_is(running, 1), 15), "the slow statement never started"
    writer.close()  # the client leaves
    started = time.monotonic()
    assert await wait_for(lambda: running_is(running, 0), 10), "the statement kept running after the client left"
    assert time.monotonic() - started < 10


async def running_is(running, expected: int) -> bool:
    return await running() == expected


async def test_a_body_sent_slowly_is_read_in_full(server):
    reader, writer = await asyncio.open_connection("127.0.0.1", server)
    chunks = [b"x" * 1000] * 5
    writer.write(b"POST /test/echo HTTP/1.1\r\nHost: testserver\r\nContent-Type: application/octet-stream\r\n"
                 b"Content-Length: 5000\r\n\r\n")
    for chunk in chunks:
        writer.write(chunk)
        await writer.drain()
        await asyncio.sleep(0.2)
    answer = await asyncio.wait_for(reader.read(4096), 10)
    writer.close()
    assert answer.startswith(b"HTTP/1.1 200") and b'{"length":5000}' in answer


async def test_receive_errors_reach_the_application():
    seen: list[BaseException] = []

    async def app(scope, receive, send):
        try:
            await receive()
        except RuntimeError as exc:
            seen.append(exc)
        await send({"type": "http.response.start", "status": 400, "headers": []})
        await send({"type": "http.response.body", "body": b""})

    async def broken_receive():
        raise RuntimeError("connection reset while reading the body")

    sent = []

    async def send(message):
        sent.append(message)

    scope = {"type": "http", "method": "POST", "path": "/", "headers": [(b"content-length", b"10")]}
    await asyncio.wait_for(CancelOnDisconnect(app)(scope, broken_receive, send), 5)
    assert [str(e) for e in seen] == ["connection reset while reading the body"]
    assert sent[0]["status"] == 400


async def test_a_finished_response_is_not_cancelled_by_the_disconnect_that_follows():
    finished = asyncio.Event()

    async def app(scope, receive, send):
        await receive()
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"ok"})
        await asyncio.sleep(0.2)  # work after the answer (e.g. a background task)
        finished.set()

    messages = [{"type": "http.request", "body": b"", "more_body": False}, {"type": "http.disconnect"}]
    answered = asyncio.Event()

    async def receive():
        if len(messages) == 1:
            await answered.wait()  # as servers do: the disconnect once the answer is out (the client left)
        return messages.pop(0)

    async def send(message):
        if message["type"] == "http.response.body":
            answered.set()

    await asyncio.wait_for(CancelOnDisconnect(app)({"type": "http", "headers": []}, receive, send), 5)
    assert finished.is_set()
