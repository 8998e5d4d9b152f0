"""Two `gvi serve` processes on one database share everything a user or an agency can notice:
a sign-in on one is a sign-in on the other, limits and lockouts count across both, and a signing
key rotated by one is used and honoured by the other without a restart."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import httpx
import pytest

from api.auth.dependencies import SESSION_COOKIE
from domain.identity import clients
from tenants.context import tenant_context
from tenants.database import transaction
from tests.identity.conftest import PASSWORD, fresh_code

RATE_LIMIT = 8


@asynccontextmanager
async def serve(env: dict[str, str], port: int) -> AsyncIterator[httpx.AsyncClient]:
    process = await asyncio.create_subprocess_exec(sys.executable, "-m", "api.cli", "serve", "--port", str(port), env=env,
                                                   stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        async with httpx.AsyncClient(base_url=base, timeout=20) as client:
            deadline = time.monotonic() + 180  # a bound, not a timing target: a loaded CI machine starts slowly
            while True:
                if process.returncode is not None:
                    raise AssertionError((await process.stderr.read()).decode()[-2000:])
                try:
                    if (await client.get("/readyz")).status_code == 200:
                        break
                except httpx.TransportError:
                    pass
                assert time.monotonic() < deadline, "gvi serve did not become ready"
                await asyncio.sleep(0.2)
            yield client
    finally:
        process.terminate()
        await asyncio.wait_for(process.wait(), 20)


@pytest.fixture(scope="module")
async def instances(test_database, unused_tcp_port_factory) -> AsyncIterator[tuple[httpx.AsyncClient, httpx.AsyncClient]]:
    shared = tempfile.mkdtemp(prefix="gvi-shared-keys-")  # the volume both instances mount
    env = {**os.environ, "GVI_ENV": "test", "GVI_APP_DATABASE_URL": test_database.app_url, "GVI_DATA_DIR": shared,
           "GVI_SECRET_KEY": "two-instances-share-this-secret-" + "x" * 16, "GVI_PUBLIC_URL": "https://gvi.test",
           "GVI_RATE_LIMIT_CLIENT_PER_MINUTE": str(RATE_LIMIT), "GVI_LOG_LEVEL": "WARNING"}
    env.pop("GVI_DATABASE_URL", None)
    async with serve(env, unused_tcp_port_factory()) as a, serve(env, unused_tcp_port_factory()) as b:
        a.data_dir = b.data_dir = shared  # type: ignore[attr-defined]
        a.env = b.env = env  # type: ignore[attr-defined]
        yield a, b


def session_header(response: httpx.Response) -> dict[str, str]:
    # The session cookie is Secure (and these servers speak plain HTTP on loopback): send it by hand.
    return {"Cookie": f"{SESSION_COOKIE}={response.cookies[SESSION_COOKIE]}"}


async def test_sign_in_on_one_act_on_the_other(instances, city):
    a, b = instances
    r = await a.post("/auth/login", json={"tenant": city.slug, "username": "coordinator", "password": PASSWORD})
    assert r.status_code == 200 and r.json()["stage"] == "mfa_required", r.text
    cookie, csrf = session_header(r), r.json()["csrf_token"]
    r = await b.post("/auth/mfa", json={"code": fresh_code(city.totp_secrets["coordinator"])},
                     headers={**cookie, "X-CSRF-Token": csrf})  # the second factor on the other instance
    assert r.status_code == 200, r.text
    cookie = session_header(r)
    for instance in (a, b):
        me = await instance.get("/auth/me", headers=cookie)
        assert me.status_code == 200 and me.json()["role"] == "coordinator", me.text
    r = await a.post("/auth/logout", headers={**cookie, "X-CSRF-Token": r.json()["csrf_token"]})
    assert r.status_code == 204
    assert (await b.get("/auth/me", headers=cookie)).status_code == 401  # signed out everywhere


async def test_lockout_counts_failures_on_both(instances, city):
    a, b = instances
    wrong = {"tenant": city.slug, "username": "analyst", "password": "not the password at all"}
    for instance in (a, b, a, b):
        assert (await instance.post("/auth/login", json=wrong)).status_code == 401
    assert (await a.post("/auth/login", json=wrong)).status_code == 429  # the fifth failure, wherever, locks
    for instance in (a, b):
        r = await instance.post("/auth/login", json={**wrong, "password": PASSWORD})
        assert r.status_code == 429 and int(r.headers["retry-after"]) > 0, r.text


async def test_rate_limit_and_key_rotation_are_shared(instances, city, sessions):
    a, b = instances
    with tenant_context(city.tenant.id):
        async with transaction(sessions) as s:
            issued = await clients.create(s, tenant_slug=city.slug, name="Polisens ärendesystem", scopes="programme:read")
    auth = (issued.client.client_id, issued.secret)

    async def token(instance) -> str:
        r = await instance.post("/oauth/token", data={"grant_type": "client_credentials"}, auth=auth)
        assert r.status_code == 200, r.text
        return r.json()["access_token"]

    async def kid(instance) -> list[str]:
        return [k["kid"] for k in (await instance.get("/.well-known/jwks.json")).json()["keys"]]

    first = await token(a)
    assert await kid(a) == await kid(b)
    # `gvi signing-keys rotate` on the shared key store, while both serve
    rotate = await asyncio.create_subprocess_exec(sys.executable, "-m", "api.cli", "signing-keys", "rotate", env=a.env,
                                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    _, errors = await asyncio.wait_for(rotate.communicate(), 60)
    assert rotate.returncode == 0, errors.decode()
    second = await token(b)  # the other instance signs with the new key at once (it sees a new kid)…
    assert second.split(".")[0] != first.split(".")[0]
    query = {"query": "{ viewer { kind } }"}
    statuses = []
    for i in range(RATE_LIMIT + 2):  # …and both accept tokens of both keys, spending one shared bucket
        instance, bearer = ((a, second), (b, first))[i % 2]
        r = await instance.post("/graphql", json=query, headers={"Authorization": f"Bearer {bearer}"})
        statuses.append(r.status_code)
    assert statuses[:RATE_LIMIT] == [200] * RATE_LIMIT, statuses
    assert statuses[RATE_LIMIT:] == [429, 429], statuses
    assert set(await kid(a)) == set(await kid(b)) and len(await kid(a)) == 2
