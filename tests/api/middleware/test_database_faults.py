"""Database faults other than an outage, each provoked for real on PostgreSQL as the app role:

- a statement stopped by ``statement_timeout`` (a lock held by another session makes the route's own
  query wait; the role's timeout is shortened for the test) → 504 problem (REST), QUERY_TIMEOUT
  (GraphQL); the worker is free for the next request;
- every pooled connection held longer than ``GVI_POOL_TIMEOUT`` → further requests wait that long at
  most, then 503 with Retry-After; after release, answers again;
- a read-only database (``default_transaction_read_only`` for the app role) → writes refused with a
  clear 503; reads without an audit entry work; person reads fail closed (no data without its entry);
- disk full (SQLSTATE 53100, raised by the server) → the same 503.
"""

from __future__ import annotations

import asyncio
import re
import tempfile
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import httpx
from sqlalchemy import text

from api.db import SessionDep
from api.graphql.errors import QUERY_TIMEOUT_MESSAGE
from domain.identity.principal import Role
from tenants.database import create_engine, session_factory
from tenants.settings import Settings, get_settings
from tests.api.graphql.conftest import PRINCIPAL_HEADER, PURPOSE, cities, make_app, malmo, user  # noqa: F401

LEAKS = re.compile(r"Traceback|SELECT |select |asyncpg|sqlalchemy|File \"|pg_sleep|organisations_pkey", re.I)
READ_ONLY = "database is read-only, writes refused, retry later"
BOUND = 30  # seconds: no request of these tests may take longer (a hang fails, it does not block CI)


def assert_problem(response: httpx.Response, status: int, detail: str | None = None) -> dict:
    assert response.status_code == status, (response.status_code, response.text[:300])
    assert response.headers["content-type"].startswith("application/problem+json")
    body = response.json()
    assert body["status"] == status and body["request_id"]
    if detail is not None:
        assert body["detail"] == detail, body
    assert not LEAKS.search(response.text), response.text
    return body


@asynccontextmanager
async def admin(test_database) -> AsyncIterator:
    """A superuser connection to the test database (autocommit)."""
    engine = create_engine(test_database.server.url_for(test_database.name), pool_size=1, max_overflow=0,
                           isolation_level="AUTOCOMMIT")
    try:
        async with engine.connect() as conn:
            yield conn
    finally:
        await engine.dispose()


@asynccontextmanager
async def app_role_setting(test_database, name: str, value: str) -> AsyncIterator[None]:
    """The app role's default for ``name`` in the test database (new connections), reset afterwards."""
    role = get_settings().app_role
    async with admin(test_database) as conn:
        await conn.execute(text(f'alter role "{role}" in database "{test_database.name}" set {name} = {value}'))
        try:
            yield
        finally:
            await conn.execute(text(f'alter role "{role}" in database "{test_database.name}" reset {name}'))


@asynccontextmanager
async def organisations_locked(test_database) -> AsyncIterator[None]:
    """Another session holds the organisations table exclusively: the route's query waits on it."""
    engine = create_engine(test_database.server.url_for(test_database.name), pool_size=1, max_overflow=0)
    try:
        async with engine.connect() as conn:
            tx = await conn.begin()
            await conn.execute(text("lock table organisations in access exclusive mode"))
            try:
                yield
            finally:
                await tx.rollback()
    finally:
        await engine.dispose()


async def lock_waiters(test_database, n: int) -> None:
    """Until ``n`` sessions wait for a lock (the pool has no event to wait on)."""
    async with admin(test_database) as conn:
        deadline = time.monotonic() + BOUND
        while (await conn.execute(text("select count(*) from pg_locks where not granted"))).scalar() < n:
            assert time.monotonic() < deadline, "no request is waiting on the lock"
            await asyncio.sleep(0.01)


@asynccontextmanager
async def client(app, principals, principal) -> AsyncIterator[httpx.AsyncClient]:
    headers = {PRINCIPAL_HEADER: principals.key(principal), "X-GVI-Purpose": PURPOSE}
    async with app.router.lifespan_context(app):
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t", headers=headers,
                                     timeout=BOUND) as c:
            yield c


def gql(c: httpx.AsyncClient, query: str, **variables):
    return c.post("/graphql", json={"query": query, "variables": variables})


ORGS = "{ organisations(first: 3) { totalCount } }"


async def test_statement_timeout_answers_504_and_frees_the_worker(test_database, cities):  # noqa: F811
    a, _ = cities
    async with app_role_setting(test_database, "statement_timeout", "'300ms'"):
        app, principals = make_app(test_database, Settings(env="test"))
        async with client(app, principals, user(a, Role.coordinator)) as c:
            async with organisations_locked(test_database):
                started = time.monotonic()
                rest = await asyncio.wait_for(c.get("/api/organisations"), BOUND)
                waited = time.monotonic() - started
                graphql = await asyncio.wait_for(gql(c, ORGS), BOUND)
                # a sibling field shares the aborted transaction: told so, never an "unexpected error"
                siblings = await asyncio.wait_for(gql(c, "{ organisations(first: 3) { totalCount } "
                                                         "cityFigures(period: YEAR) { period } viewer { kind } }"), BOUND)
                # the worker is free while the lock is still held: a route that needs no organisation answers
                viewer = await asyncio.wait_for(gql(c, "{ viewer { kind } }"), BOUND)
            after = await asyncio.wait_for(c.get("/api/organisations"), BOUND)
            after_graphql = await asyncio.wait_for(gql(c, ORGS), BOUND)

    body = assert_problem(rest, 504)
    assert "statement_timeout" in body["detail"] and "Retry-After" not in rest.headers
    assert waited < BOUND
    assert graphql.status_code == 200 and not LEAKS.search(graphql.text), graphql.text
    [error] = graphql.json()["errors"]
    assert error["extensions"]["code"] == "QUERY_TIMEOUT" and error["message"] == QUERY_TIMEOUT_MESSAGE
    codes = {tuple(e["path"]): e["extensions"]["code"] for e in siblings.json()["errors"]}
    assert codes[("organisations",)] == "QUERY_TIMEOUT" and set(codes.values()) <= {"QUERY_TIMEOUT", "TRANSACTION_ABORTED"}, codes
    assert siblings.json()["data"]["viewer"]["kind"] and not LEAKS.search(siblings.text), siblings.text
    assert viewer.status_code == 200 and viewer.json()["data"]["viewer"]["kind"]
    assert after.status_code == 200 and len(after.json()) == len(a.organisations)
    assert after_graphql.json() == {"data": {"organisations": {"totalCount": len(a.organisations)}}}


async def test_pool_exhaustion_queues_for_the_bound_then_answers_503(test_database, cities):  # noqa: F811
    a, _ = cities
    bound = 0.5
    app, principals = make_app(test_database, Settings(env="test", pool_size=1, pool_max_overflow=0, pool_timeout=bound))
    async with client(app, principals, user(a, Role.coordinator)) as c:
        async with organisations_locked(test_database):
            # the pool's one connection is held by a request waiting on the lock (authentication's
            # checkout comes and goes before that: wait until the server shows the request blocked)
            holder = asyncio.create_task(c.get("/api/organisations"))
            await lock_waiters(test_database, 1)

            async def timed(request):
                started = time.monotonic()
                response = await asyncio.wait_for(request, BOUND)
                return response, time.monotonic() - started

            queued = await asyncio.gather(timed(c.get("/api/organisations")), timed(gql(c, "{ viewer { kind } }")),
                                          timed(c.post("/api/organisations", json={"name": "Queued", "kind": "school"})))
            assert not holder.done()
        held = await asyncio.wait_for(holder, BOUND)  # the lock is gone: the holder completes
        again = await asyncio.wait_for(c.get("/api/organisations"), BOUND)
        again_graphql = await asyncio.wait_for(gql(c, ORGS), BOUND)

    for response, waited in queued:
        assert_problem(response, 503, "database connections all busy, retry")
        assert response.headers["Retry-After"].isdigit()
        assert bound * 0.8 <= waited < BOUND, waited  # it queued for the bound, and no longer than BOUND
    assert held.status_code == 200 and again.status_code == 200
    assert again_graphql.json()["data"]["organisations"]["totalCount"] == len(a.organisations)
    async with admin(test_database) as conn:  # the refused write left nothing
        assert (await conn.execute(text("select count(*) from organisations where name = 'Queued'"))).scalar() == 0


PEOPLE = "{ people(first: 3) { edges { node { id displayName } } } }"
FIGURES = "{ cityFigures(period: YEAR) { period } }"
CREATE = """mutation { createOrganisation(input: {name: "Read-only org", kind: school}) {
  organisation { id } errors { code } } }"""


async def test_read_only_database_refuses_writes_and_keeps_reads(test_database, cities, malmo):  # noqa: F811
    a, _ = cities
    settings = Settings(env="test")
    async with app_role_setting(test_database, "default_transaction_read_only", "on"):
        app, principals = make_app(test_database, settings)
        async with client(app, principals, user(a, Role.coordinator)) as c:
            rest_write = await c.post("/api/organisations", json={"name": "Read-only org", "kind": "school"})
            graphql_write = await gql(c, CREATE)
            rest_read = await c.get("/api/organisations")
            graphql_read = await gql(c, ORGS)
        app, principals = make_app(test_database, settings)
        async with client(app, principals, user(malmo, Role.coordinator)) as c:
            figures = await gql(c, FIGURES)
            people = await gql(c, PEOPLE)

    for response in (rest_write, graphql_write):
        assert_problem(response, 503, READ_ONLY)
        assert response.headers["Retry-After"].isdigit()
    assert rest_read.status_code == 200 and len(rest_read.json()) == len(a.organisations)
    assert graphql_read.json() == {"data": {"organisations": {"totalCount": len(a.organisations)}}}
    assert figures.status_code == 200 and "errors" not in figures.json() and figures.json()["data"]["cityFigures"]
    # Person data needs its audit entry, which cannot be written: fail closed, no person in the answer.
    assert_problem(people, 503, READ_ONLY)
    assert "displayName" not in people.text and "edges" not in people.text

    # Writable again: the same requests succeed (new connections read the restored default).
    app, principals = make_app(test_database, settings)
    async with client(app, principals, user(malmo, Role.coordinator)) as c:
        people = await gql(c, PEOPLE)
    assert people.status_code == 200 and len(people.json()["data"]["people"]["edges"]) == 3
    async with admin(test_database) as conn:
        assert (await conn.execute(text("select count(*) from organisations where name = 'Read-only org'"))).scalar() == 0


async def test_disk_full_refuses_the_write_clearly(test_database, cities):  # noqa: F811
    a, _ = cities
    app, principals = make_app(test_database, Settings(env="test"))

    async def full_disk(session: SessionDep) -> dict:
        # the server's own error for a write that cannot extend a file (SQLSTATE 53100)
        await session.execute(text("do $$ begin raise exception 'could not extend file \"base/1/2\"' "
                                    "using errcode = 'disk_full'; end $$"))
        return {}

    app.router.add_api_route("/api/test-disk-full", full_disk, methods=["POST"])
    app.router.routes.insert(0, app.router.routes.pop())  # before the web UI's catch-all
    async with client(app, principals, user(a, Role.coordinator)) as c:
        full = await c.post("/api/test-disk-full")
        after = await c.get("/api/organisations")
    assert_problem(full, 503, READ_ONLY)
    assert "extend" not in full.text
    assert after.status_code == 200


async def test_read_only_database_keeps_a_signed_in_web_user_reading(test_database, app_engine, owner_engine):
    """A cookie session's once-a-minute idle touch is a write: while the database refuses writes it is
    skipped (the session only runs out sooner), so the web UI's users keep reading."""
    from tests.identity.conftest import BASE_URL, drop_city, make_city, running_app, sign_in_role

    city = await make_city(session_factory(app_engine), owner_engine)
    settings = Settings(env="test", data_dir=Path(tempfile.mkdtemp(prefix="gvi-faults-keys-")), public_url=BASE_URL)
    try:
        async with running_app(settings, test_database.app_url) as c:
            csrf = await sign_in_role(c, Role.coordinator, city)
            async with admin(test_database) as conn:  # the last touch long enough ago for the next one to write
                await conn.execute(text("update web_sessions set last_seen_at = now() - interval '5 minutes'"))
            async with app_role_setting(test_database, "default_transaction_read_only", "on"):
                await c.app.state.database.engine.dispose()  # new connections: read-only
                me = await c.get("/auth/me")
                orgs = await c.get("/api/organisations")
                write = await c.post("/api/organisations", json={"name": "Web read-only", "kind": "school"},
                                     headers={"X-CSRF-Token": csrf})
            await c.app.state.database.engine.dispose()
            again = await c.get("/api/organisations")
    finally:
        await drop_city(owner_engine, city)
    assert me.status_code == 200, me.text
    assert orgs.status_code == 200 and len(orgs.json()) == len(city.organisations), orgs.text
    assert_problem(write, 503, READ_ONLY)
    assert again.status_code == 200


async def test_read_only_database_keeps_an_api_client_reading_within_its_limit(test_database, app_engine, owner_engine):
    """The request gate spends an API client's token in the database; while it refuses writes, the gate
    still checks the city and the client there and the token comes from the instance's own bucket."""
    from domain.identity import clients
    from tenants.context import tenant_context
    from tenants.database import transaction
    from tests.identity.conftest import BASE_URL, drop_city, make_city, running_app

    sessions = session_factory(app_engine)
    city = await make_city(sessions, owner_engine)
    with tenant_context(city.tenant.id):
        async with transaction(sessions) as s:
            issued = await clients.create(s, tenant_slug=city.slug, name="agency", scopes="programme:read")
    settings = Settings(env="test", data_dir=Path(tempfile.mkdtemp(prefix="gvi-faults-keys-")), public_url=BASE_URL,
                        rate_limit_client_per_minute=3)
    query = {"query": "{ viewer { kind } }"}
    try:
        async with running_app(settings, test_database.app_url) as c:
            token = (await c.post("/oauth/token", data={"grant_type": "client_credentials"},
                                  auth=(issued.client.client_id, issued.secret))).json()["access_token"]
            bearer = {"Authorization": f"Bearer {token}"}
            async with app_role_setting(test_database, "default_transaction_read_only", "on"):
                await c.app.state.database.engine.dispose()  # new connections: read-only
                answers = [await c.post("/graphql", json=query, headers=bearer) for _ in range(4)]
                with tenant_context(city.tenant.id):
                    async with transaction(session_factory(owner_engine)) as s:
                        await clients.revoke(s, await clients.require(s, issued.client.client_id))
                revoked = await c.post("/graphql", json=query, headers=bearer)
            await c.app.state.database.engine.dispose()
    finally:
        await drop_city(owner_engine, city)
    assert [r.status_code for r in answers] == [200, 200, 200, 429], [r.text for r in answers]
    assert answers[0].json()["data"]["viewer"]["kind"] == "api_client"
    assert revoked.status_code == 401 and "revoked" in revoked.json()["detail"]
