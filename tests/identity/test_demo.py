"""`gvi demo load` creates a user for every role in every demo city and national users; they can sign in."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import text

from domain.demo.load import DEMO_CITIES
from domain.identity.demo import CITY_DEMO_USERS, DEMO_PASSWORD, NATIONAL_DEMO_USERS
from domain.identity.principal import CITY_ROLES, NATIONAL_ROLES
from tests.identity.test_cli import run

SLUGS = [c.slug for c in DEMO_CITIES]


@pytest.fixture
async def demo_cleanup(owner_engine):
    """Leave the demo cities as found (another package's session fixture may have loaded them)."""
    async with owner_engine.connect() as conn:
        existed = set((await conn.execute(text("select slug from tenants where slug = any(:s)"), {"s": SLUGS})).scalars())
    yield
    from tests.conftest import purge_tenant

    async with owner_engine.connect() as conn:
        added = list((await conn.execute(text("select id from tenants where slug = any(:s)"),
                                         {"s": [s for s in SLUGS if s not in existed]})).scalars())
    for tenant_id in added:
        await purge_tenant(owner_engine, tenant_id)
    async with owner_engine.begin() as conn:
        for slug in existed:
            await conn.execute(text("select set_config('app.tenant_id', (select id::text from tenants where slug = :s), true)"),
                               {"s": slug})
            await conn.execute(text("delete from users where is_demo"))
            await conn.execute(text("delete from organisations o where name like '% stad, GVI-samordning' "
                                    "and not exists (select 1 from users u where u.organisation_id = o.id)"))
        await conn.execute(text("delete from national_users where is_demo"))


async def test_demo_load_creates_every_role_and_they_sign_in(test_database, owner_engine, web, demo_cleanup):
    dev = {"GVI_ENV": "development"}
    out = run(test_database, "demo", "load", env=dev)
    assert out.returncode == 0, out.stderr
    assert DEMO_PASSWORD in out.stdout
    for city in DEMO_CITIES:
        for _, username, _, _ in CITY_DEMO_USERS:
            assert re.search(rf"city={city.slug} +username={re.escape(username)} ", out.stdout)
    assert {r for r, *_ in CITY_DEMO_USERS} == set(CITY_ROLES)
    assert {r for r, _ in NATIONAL_DEMO_USERS} == set(NATIONAL_ROLES)
    assert "national.coordinator" in out.stdout
    again = run(test_database, "demo", "load", env=dev)
    assert again.returncode == 0
    async with owner_engine.connect() as conn:
        # owner sees no tenant rows without a tenant (RLS forced): count through a per-city setting
        counts = []
        for city in DEMO_CITIES:
            await conn.execute(text("select set_config('app.tenant_id', (select id::text from tenants where slug = :s), false)"),
                               {"s": city.slug})
            counts.append(await conn.scalar(text("select count(*) from users where is_demo")))
        await conn.rollback()
    assert counts == [len(CITY_DEMO_USERS)] * len(DEMO_CITIES), "idempotent: no duplicates"

    # sign in as the Malmö analyst with the printed password and the CLI's TOTP code
    r = await web.post("/auth/login", json={"tenant": "malmo", "username": "analyst", "password": DEMO_PASSWORD})
    assert r.status_code == 200 and r.json()["stage"] == "mfa_required"
    code = run(test_database, "user", "totp-code", "malmo/analyst", env=dev).stdout.strip()
    r = await web.post("/auth/mfa", json={"code": code}, headers={"X-CSRF-Token": r.json()["csrf_token"]})
    assert r.status_code == 200, r.text
    assert (await web.get("/auth/me")).json()["role"] == "analyst"
    # the national coordinator too
    r = await web.post("/auth/login", json={"username": "national.coordinator", "password": DEMO_PASSWORD})
    code = run(test_database, "user", "totp-code", "national.coordinator", env=dev).stdout.strip()
    r = await web.post("/auth/mfa", json={"code": code}, headers={"X-CSRF-Token": r.json()["csrf_token"]})
    assert r.status_code == 200
    assert (await web.get("/auth/me")).json()["role"] == "national_coordinator"


async def test_no_demo_accounts_in_production(test_database, demo_cleanup):
    out = run(test_database, "demo", "load", env={"GVI_ENV": "production"})
    assert out.returncode == 0, out.stderr
    assert "demo accounts not created" in out.stdout
