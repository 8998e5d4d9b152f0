"""Stop PostgreSQL under load: 503 + Retry-After while it is away, keep-alive kept, clean recovery.

Runs its own embedded cluster (the suite's shared one must stay up) and a real uvicorn server, so
the client's keep-alive connections are real sockets: a server that closed them after an error
would make the client's next request get no answer at all.
"""

from __future__ import annotations

import asyncio
import base64
import http.client
import json
import shutil
import tempfile
import threading
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

import pgserver
import pytest
import uvicorn
from pgserver._commands import pg_ctl

from api.app import create_app
from domain.identity import clients
from tenants import embedded, migrate
from tenants.context import tenant_context
from tenants.database import create_engine, session_factory, transaction
from tenants.models import Tenant
from tenants.settings import Settings


@dataclass
class Result:
    started: float
    finished: float
    path: str
    status: int | None  # None: the server answered nothing (connection closed)
    body: str


@pytest.fixture
async def own_cluster():
    data_dir = Path(tempfile.mkdtemp(prefix="gvi-outage-"))
    settings = Settings(env="test")
    urls = embedded.start(data_dir, settings.owner_role, settings.app_role)
    await migrate.upgrade(urls.owner)
    server = pgserver.get_server(data_dir / "postgres")
    yield urls, server
    server.cleanup()
    shutil.rmtree(data_dir, ignore_errors=True)


def _worker(port: int, path: str, make_request, stop: threading.Event, results: list[Result], socks: set) -> None:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    while not stop.is_set():
        started = time.monotonic()
        method, body, headers = make_request()
        try:
            conn.request(method, path, body=body, headers=headers)
            socks.add(id(conn.sock))
            response = conn.getresponse()
            results.append(Result(started, time.monotonic(), path, response.status, response.read().decode()))
        except (http.client.RemoteDisconnected, ConnectionError, http.client.BadStatusLine):
            results.append(Result(started, time.monotonic(), path, None, ""))
            conn.close()
        time.sleep(0.02)
    conn.close()


async def test_postgres_stopped_under_load_answers_503_then_recovers(own_cluster):
    urls, pg = own_cluster
    engine = create_engine(urls.app, pool_size=1, max_overflow=0)
    sessions = session_factory(engine)
    tid = uuid.uuid4()
    async with transaction(sessions) as s:
        s.add(Tenant(id=tid, slug="outage", name="Outage", kommunkod="1280"))
    with tenant_context(tid):
        async with transaction(sessions) as s:
            issued = await clients.create(s, tenant_slug="outage", name="agency", scopes="programme:read")
    await engine.dispose()

    app = create_app(Settings(env="test", data_dir=Path(tempfile.mkdtemp(prefix="gvi-outage-keys-"))),
                     app_database_url=urls.app)
    config = uvicorn.Config(app, host="127.0.0.1", port=0, log_config=None, lifespan="on")
    server = uvicorn.Server(config)
    serving = asyncio.create_task(server.serve())
    while not server.started:  # noqa: ASYNC110 (uvicorn exposes a flag, not an event)
        await asyncio.sleep(0.05)
    port = server.servers[0].sockets[0].getsockname()[1]

    auth = "Basic " + base64.b64encode(f"{issued.client.client_id}:{issued.secret}".encode()).decode()

    def get_token() -> str:  # blocking client: off the event loop the server runs on
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        conn.request("POST", "/oauth/token", body="grant_type=client_credentials",
                     headers={"Authorization": auth, "Content-Type": "application/x-www-form-urlencoded"})
        try:
            return json.loads(conn.getresponse().read())["access_token"]
        finally:
            conn.close()

    token = await asyncio.to_thread(get_token)

    requests = {
        "/graphql": lambda: ("POST", json.dumps({"query": "{ viewer { kind } city { name } }"}),
                             {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}),
        "/oauth/token": lambda: ("POST", "grant_type=client_credentials",
                                 {"Authorization": auth, "Content-Type": "application/x-www-form-urlencoded"}),
        "/auth/login": lambda: ("POST", json.dumps({"tenant": "no-such-city", "username": "nobody", "password": "x" * 12}),
                                {"Content-Type": "application/json"}),
    }
    stop, results, socks = threading.Event(), [], set()
    # Own threads, not the loop's default executor: the server needs that one (Argon2 checks).
    workers = [threading.Thread(target=_worker, args=(port, path, make, stop, results, socks))
               for path, make in requests.items() for _ in range(2)]
    for w in workers:
        w.start()
    try:
        await asyncio.sleep(1.0)
        down_at = time.monotonic()
        await asyncio.to_thread(pg_ctl, ["-w", "-m", "fast", "stop"], pgdata=pg.pgdata, user=pg.system_user)
        await asyncio.sleep(2.0)
        await asyncio.to_thread(pg.ensure_postgres_running)
        up_at = time.monotonic()
        await asyncio.sleep(2.0)
    finally:
        stop.set()
        for w in workers:
            await asyncio.to_thread(w.join)
        server.should_exit = True
        await serving

    ok = {"/graphql": 200, "/oauth/token": 200, "/auth/login": 401}
    before = [r for r in results if r.finished < down_at]
    during = [r for r in results if down_at + 0.5 < r.started and r.finished < up_at]
    after = [r for r in results if r.started > up_at + 0.1]
    assert before and during and after
    assert all(r.status == ok[r.path] for r in before), {(r.path, r.status) for r in before}
    # Never silence, never a 500, never driver text: 503 problem+json "database unavailable, retry".
    assert all(r.status is not None for r in results), "a keep-alive connection was closed without an answer"
    assert all(r.status in (ok[r.path], 503) for r in results), {(r.path, r.status, r.body[:200]) for r in results}
    unavailable = [r for r in during if r.status == 503]
    assert {r.path for r in unavailable} == set(requests), {(r.path, r.status) for r in during}
    for r in unavailable:
        body = json.loads(r.body)
        assert body["detail"] == "database unavailable, retry" and body["status"] == 503
        assert "asyncpg" not in r.body and "SQL" not in r.body
    # Recovery without a stale-connection failure: every request after the restart succeeds.
    assert all(r.status == ok[r.path] for r in after), {(r.path, r.status, r.body[:200]) for r in after}
    assert len(socks) == len(workers), "every worker kept its one keep-alive connection"
