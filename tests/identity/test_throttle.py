"""Throttling and temporary lockout hold across app instances (state in PostgreSQL)."""

from __future__ import annotations

import asyncio

from sqlalchemy import text

from tests.identity.conftest import PASSWORD, running_app


async def test_lockout_holds_across_two_app_instances(auth_settings, test_database, city):
    settings = auth_settings.model_copy(update={"login_max_failures": 4, "login_lockout_seconds": 3})
    async with running_app(settings, test_database.app_url) as a, running_app(settings, test_database.app_url) as b:
        assert a.app is not b.app
        wrong = {"tenant": city.slug, "username": "analyst", "password": "not the password at all"}
        for instance in (a, b, a):  # three failures spread over both instances
            r = await instance.post("/auth/login", json=wrong)
            assert r.status_code == 401
        r = await b.post("/auth/login", json=wrong)  # the fourth, on instance b, locks the account
        assert r.status_code == 429
        assert "too many failed sign-ins" in r.json()["detail"]
        assert 1 <= int(r.headers["retry-after"]) <= 3
        # locked on both instances, even with the right password
        for instance in (a, b):
            r = await instance.post("/auth/login", json={**wrong, "password": PASSWORD})
            assert r.status_code == 429, r.text
        # another account of the same city is not locked
        r = await a.post("/auth/login", json={"tenant": city.slug, "username": "caseworker", "password": PASSWORD})
        assert r.status_code == 200
        await asyncio.sleep(3.2)  # the lockout is temporary
        r = await b.post("/auth/login", json={**wrong, "password": PASSWORD})
        assert r.status_code == 200 and r.json()["stage"] == "mfa_required"


async def test_concurrent_failures_on_two_instances_are_all_counted(auth_settings, test_database, city):
    settings = auth_settings.model_copy(update={"login_max_failures": 6, "login_lockout_seconds": 60})
    async with running_app(settings, test_database.app_url) as a, running_app(settings, test_database.app_url) as b:
        wrong = {"tenant": city.slug, "username": "viewer", "password": "still not the password"}
        results = await asyncio.gather(*(c.post("/auth/login", json=wrong) for c in (a, b, a, b, a, b)))
        assert sorted(r.status_code for r in results).count(401) >= 5
        r = await a.post("/auth/login", json={**wrong, "password": PASSWORD})
        assert r.status_code == 429


async def test_wrong_codes_count_too(auth_settings, test_database, city):
    settings = auth_settings.model_copy(update={"login_max_failures": 3, "login_lockout_seconds": 60})
    async with running_app(settings, test_database.app_url) as a, running_app(settings, test_database.app_url) as b:
        statuses = []
        for instance in (a, b, a):
            r = await instance.post("/auth/login", json={"tenant": city.slug, "username": "auditor", "password": PASSWORD})
            if r.status_code != 200:
                statuses.append(r.status_code)
                continue
            r = await instance.post("/auth/mfa", json={"code": "000000"}, headers={"X-CSRF-Token": r.json()["csrf_token"]})
            statuses.append(r.status_code)
        assert statuses[-1] == 429 and statuses[:2] == [401, 401]


async def test_address_throttle_across_accounts(auth_settings, test_database, city):
    settings = auth_settings.model_copy(update={"login_max_failures": 100, "login_ip_max_failures": 5,
                                                "login_lockout_seconds": 60})
    address = "203.0.113.7"
    async with running_app(settings, test_database.app_url, address) as a, \
            running_app(settings, test_database.app_url, address) as b:
        try:
            for i, instance in enumerate((a, b, a, b)):
                r = await instance.post("/auth/login", json={"tenant": city.slug, "username": f"guess{i}", "password": "x" * 12})
                assert r.status_code == 401
            r = await b.post("/auth/login", json={"tenant": city.slug, "username": "guess9", "password": "x" * 12})
            assert r.status_code == 429
            r = await a.post("/auth/login", json={"tenant": city.slug, "username": "coordinator", "password": PASSWORD})
            assert r.status_code == 429
        finally:  # the test client's address is shared by the other tests
            async with a.app.state.database.sessions() as s, s.begin():
                await s.execute(text("delete from login_throttle where key = :k"),
                                {"k": a.app.state.auth.throttle.ip_key(address)})


async def test_no_usernames_or_addresses_stored(auth_settings, test_database, city, owner_engine):
    async with running_app(auth_settings, test_database.app_url) as a:
        await a.post("/auth/login", json={"tenant": city.slug, "username": "analyst", "password": "wrong wrong wrong"})
    async with owner_engine.connect() as conn:
        keys = (await conn.execute(text("select key from login_throttle"))).scalars().all()
    assert keys and all(len(k) == 64 and "analyst" not in k and "10." not in k for k in keys)
