"""Local sign-in: password (Argon2id) + TOTP, sessions, cookies, CSRF."""

from __future__ import annotations

from http.cookies import SimpleCookie

import pytest
from sqlalchemy import text

from api.auth.dependencies import SESSION_COOKIE
from domain.identity import totp
from domain.identity.principal import Role
from tests.identity.conftest import PASSWORD, fresh_code, sign_in, sign_in_role


async def test_password_and_totp_sign_in(web, city):
    r = await web.post("/auth/login", json={"tenant": city.slug, "username": "analyst", "password": PASSWORD})
    assert r.status_code == 200
    assert r.json()["stage"] == "mfa_required"
    # half signed in: no access yet
    me = await web.get("/auth/me")
    assert me.status_code == 401 and "second factor" in me.json()["detail"]
    csrf = r.json()["csrf_token"]
    pending_cookie = web.cookies.get(SESSION_COOKIE)
    r = await web.post("/auth/mfa", json={"code": fresh_code(city.totp_secrets["analyst"])}, headers={"X-CSRF-Token": csrf})
    assert r.status_code == 200 and r.json()["stage"] == "authenticated"
    assert web.cookies.get(SESSION_COOKIE) != pending_cookie, "a new session id after the second factor"
    me = await web.get("/auth/me")
    assert me.status_code == 200, me.text
    body = me.json()
    assert body["role"] == "analyst" and body["tenant"]["slug"] == city.slug and body["mfa"] is True
    assert body["permissions"]["groups"] == {"read": "all", "write": "all"}
    assert "audit" not in body["permissions"]


async def test_session_cookie_flags(web, city):
    r = await web.post("/auth/login", json={"tenant": city.slug, "username": "viewer", "password": PASSWORD})
    header = r.headers["set-cookie"]
    cookie = SimpleCookie()
    cookie.load(header)
    morsel = cookie[SESSION_COOKIE]
    assert morsel["httponly"] and morsel["secure"]
    assert morsel["samesite"].lower() == "lax"
    assert morsel["path"] == "/" and not morsel["domain"]
    # the value is a signed token, and the database keeps only its hash
    token = morsel.value.rsplit(".", 2)[0]
    assert len(token) >= 40


async def test_wrong_password(web, city):
    r = await web.post("/auth/login", json={"tenant": city.slug, "username": "analyst", "password": "wrong password here"})
    assert r.status_code == 401
    assert r.headers["content-type"].startswith("application/problem+json")
    assert r.json()["detail"] == "wrong username or password"
    assert SESSION_COOKIE not in web.cookies


async def test_unknown_user_is_the_same_answer(web, city):
    r = await web.post("/auth/login", json={"tenant": city.slug, "username": "nobody", "password": PASSWORD})
    assert r.status_code == 401 and r.json()["detail"] == "wrong username or password"


async def test_wrong_code_then_right_code(web, city):
    r = await web.post("/auth/login", json={"tenant": city.slug, "username": "caseworker", "password": PASSWORD})
    csrf = r.json()["csrf_token"]
    secret = city.totp_secrets["caseworker"]
    good = fresh_code(secret)
    wrong = f"{(int(good) + 1) % 1_000_000:06d}"
    r = await web.post("/auth/mfa", json={"code": wrong}, headers={"X-CSRF-Token": csrf})
    assert r.status_code == 401 and r.json()["detail"] == "wrong or already used code"
    r = await web.post("/auth/mfa", json={"code": good}, headers={"X-CSRF-Token": csrf})
    assert r.status_code == 200


async def test_code_cannot_be_replayed(web, city, auth_settings, test_database):
    from tests.identity.conftest import running_app

    secret = city.totp_secrets["outreach"]
    code = fresh_code(secret)
    r = await web.post("/auth/login", json={"tenant": city.slug, "username": "outreach", "password": PASSWORD})
    assert (await web.post("/auth/mfa", json={"code": code}, headers={"X-CSRF-Token": r.json()["csrf_token"]})).status_code == 200
    async with running_app(auth_settings, test_database.app_url) as other:
        r = await other.post("/auth/login", json={"tenant": city.slug, "username": "outreach", "password": PASSWORD})
        r = await other.post("/auth/mfa", json={"code": code}, headers={"X-CSRF-Token": r.json()["csrf_token"]})
        assert r.status_code == 401 and "already used" in r.json()["detail"]


async def test_mfa_needs_csrf_token(web, city):
    await web.post("/auth/login", json={"tenant": city.slug, "username": "analyst", "password": PASSWORD})
    r = await web.post("/auth/mfa", json={"code": fresh_code(city.totp_secrets["analyst"])})
    assert r.status_code == 403 and "CSRF" in r.json()["detail"]


async def test_unsafe_request_needs_csrf_token(web, city):
    csrf = await sign_in_role(web, Role.coordinator, city)
    payload = {"name": "Fältgruppen", "kind": "civil_society"}
    r = await web.post("/api/organisations", json=payload)
    assert r.status_code == 403 and "CSRF" in r.json()["detail"]
    r = await web.post("/api/organisations", json=payload, headers={"X-CSRF-Token": "not-the-token"})
    assert r.status_code == 403
    r = await web.post("/api/organisations", json=payload, headers={"X-CSRF-Token": csrf})
    assert r.status_code == 201, r.text
    # safe methods need no token
    assert (await web.get("/api/organisations")).status_code == 200


async def test_enrolment_at_first_sign_in(web, city, sessions):
    from domain.identity import users
    from tenants.context import tenant_context
    from tenants.database import transaction

    with tenant_context(city.tenant.id):
        async with transaction(sessions) as s:
            await users.create_user(s, username="new.analyst", display_name="New", role="analyst", password=PASSWORD,
                                    organisation_id=next(iter(city.organisations.values())))
    r = await web.post("/auth/login", json={"tenant": city.slug, "username": "new.analyst", "password": PASSWORD})
    body = r.json()
    assert body["stage"] == "mfa_enrolment"
    assert body["totp_uri"].startswith("otpauth://totp/")
    secret = body["totp_uri"].split("secret=")[1].split("&")[0]
    r = await web.post("/auth/mfa", json={"code": totp.current_code(secret)}, headers={"X-CSRF-Token": body["csrf_token"]})
    assert r.status_code == 200 and r.json()["stage"] == "authenticated"
    assert (await web.get("/auth/me")).json()["mfa"] is True


async def test_viewer_needs_no_second_factor(web, city, sessions):
    """Viewers see only the city's figures: a password suffices (unless they enrolled TOTP anyway)."""
    from domain.identity import users
    from domain.identity.permissions import role_needs_mfa
    from tenants.context import tenant_context
    from tenants.database import transaction

    assert not role_needs_mfa(Role.viewer) and role_needs_mfa(Role.outreach) and role_needs_mfa(Role.auditor)
    with tenant_context(city.tenant.id):
        async with transaction(sessions) as s:
            await users.create_user(s, username="plain.viewer", display_name="V", role="viewer", password=PASSWORD,
                                    organisation_id=next(iter(city.organisations.values())))
    r = await web.post("/auth/login", json={"tenant": city.slug, "username": "plain.viewer", "password": PASSWORD})
    assert r.json()["stage"] == "authenticated"
    me = (await web.get("/auth/me")).json()
    assert me["role"] == "viewer" and me["mfa"] is False
    assert set(me["permissions"]) == {"programme", "figures"}


async def test_role_raised_after_sign_in_without_mfa_needs_a_new_sign_in(web, city, sessions):
    from domain.identity import users
    from tenants.context import tenant_context
    from tenants.database import transaction

    with tenant_context(city.tenant.id):
        async with transaction(sessions) as s:
            await users.create_user(s, username="promoted", display_name="P", role="viewer", password=PASSWORD,
                                    organisation_id=next(iter(city.organisations.values())))
    await web.post("/auth/login", json={"tenant": city.slug, "username": "promoted", "password": PASSWORD})
    assert (await web.get("/auth/me")).status_code == 200
    with tenant_context(city.tenant.id):
        async with transaction(sessions) as s:
            (await users.find_user(s, "promoted")).role = Role.caseworker
    r = await web.get("/auth/me")
    assert r.status_code == 401 and "second factor" in r.json()["detail"]


async def test_logout_ends_the_session(web, city):
    csrf = await sign_in_role(web, Role.analyst, city)
    r = await web.post("/auth/logout", headers={"X-CSRF-Token": csrf})
    assert r.status_code == 204
    assert (await web.get("/auth/me")).status_code == 401


async def test_disabled_account_loses_its_session(web, city, sessions):
    from domain.identity import users
    from tenants.context import tenant_context
    from tenants.database import transaction

    await sign_in_role(web, Role.caseworker, city)
    assert (await web.get("/auth/me")).status_code == 200
    with tenant_context(city.tenant.id):
        async with transaction(sessions) as s:
            await users.disable(s, await users.find_user(s, "caseworker"))
    r = await web.get("/auth/me")
    assert r.status_code == 401 and "no longer active" in r.json()["detail"]
    r = await web.post("/auth/login", json={"tenant": city.slug, "username": "caseworker", "password": PASSWORD})
    assert r.status_code == 401 and "disabled" in r.json()["detail"]


@pytest.mark.parametrize("status", ["suspended", "offboarded"])
async def test_closed_city_cannot_sign_in(web, city, owner_engine, status):
    await sign_in_role(web, Role.coordinator, city)
    async with owner_engine.begin() as conn:
        await conn.execute(text("update tenants set status = :s, suspended_at = now(), suspension_reason = 'test' "
                                "where id = :id"), {"s": status, "id": city.tenant.id})
    r = await web.get("/auth/me")
    assert r.status_code == 403 and status in r.json()["detail"]
    r = await web.post("/auth/login", json={"tenant": city.slug, "username": "coordinator", "password": PASSWORD})
    assert r.status_code == 403 and status in r.json()["detail"]


async def test_unknown_city(web):
    r = await web.post("/auth/login", json={"tenant": "no-such-city", "username": "a", "password": PASSWORD})
    assert r.status_code == 401 and "no city named" in r.json()["detail"]


async def test_same_username_in_two_cities_are_different_accounts(web, city, other_city):
    await sign_in(web, other_city.slug, "analyst", other_city.totp_secrets["analyst"])
    me = (await web.get("/auth/me")).json()
    assert me["tenant"]["slug"] == other_city.slug
    # the other city's TOTP secret does not work for this city's analyst
    r = await web.post("/auth/login", json={"tenant": city.slug, "username": "analyst", "password": PASSWORD})
    r = await web.post("/auth/mfa", json={"code": fresh_code(other_city.totp_secrets["analyst"])},
                       headers={"X-CSRF-Token": r.json()["csrf_token"]})
    assert r.status_code == 401


async def test_national_user_sign_in(web, nationals):
    await sign_in_role(web, Role.national_coordinator, nationals=nationals)
    me = (await web.get("/auth/me")).json()
    assert me["kind"] == "national_user" and me["tenant"] is None
    assert set(me["permissions"]) == {"national", "releases"}


@pytest.mark.parametrize("kind", ["form", "multipart", "text"])
async def test_cross_site_form_post_cannot_sign_in(web, city, kind):
    # What another site can make a visitor's browser send without a CORS preflight (login CSRF).
    fields = {"tenant": city.slug, "username": "viewer", "password": PASSWORD}
    headers = {"Origin": "https://evil.example", "Referer": "https://evil.example/x"}
    if kind == "form":
        r = await web.post("/auth/login", data=fields, headers=headers)
    elif kind == "multipart":
        r = await web.post("/auth/login", files={k: (None, v) for k, v in fields.items()}, headers=headers)
    else:
        import json
        r = await web.post("/auth/login", content=json.dumps(fields), headers={**headers, "Content-Type": "text/plain"})
    assert r.status_code == 415, r.text
    assert r.headers["content-type"].startswith("application/problem+json")
    assert "application/json" in r.json()["detail"]
    assert SESSION_COOKIE not in r.headers.get("set-cookie", "")


async def test_login_validation_is_problem_json(web):
    r = await web.post("/auth/login", json={"username": "x"})
    assert r.status_code == 422
    assert r.json()["errors"][0]["field"] == "password"


async def test_password_hash_is_argon2id_with_owasp_parameters(city, sessions):
    from domain.identity import users
    from tenants.context import tenant_context
    from tenants.database import transaction

    with tenant_context(city.tenant.id):
        async with transaction(sessions) as s:
            user = await users.find_user(s, "analyst")
    assert user.password_hash.startswith("$argon2id$v=19$m=19456,t=2,p=1$")


async def test_totp_secrets_are_encrypted_with_the_city_key_and_survive_rotation(web, city, owner_engine, sessions):
    from tenants.crypto.rotation import rotate_tenant

    async with owner_engine.connect() as conn:
        await conn.execute(text("select set_config('app.tenant_id', :t, false)"), {"t": str(city.tenant.id)})
        stored = await conn.scalar(text("select totp_secret_ciphertext from users where username = 'analyst'"))
        await conn.rollback()
    secret = city.totp_secrets["analyst"]
    assert stored and secret.encode() not in bytes(stored)
    result = await rotate_tenant(sessions, tenant_id=city.tenant.id)
    assert result.rows["users"] == len(city.totp_secrets)
    await sign_in_role(web, Role.analyst, city)  # the re-encrypted secret still verifies codes
    assert (await web.get("/auth/me")).json()["role"] == "analyst"


async def test_signing_in_again_ends_the_previous_session(web, city, owner_engine):
    await web.post("/auth/login", json={"tenant": city.slug, "username": "viewer", "password": PASSWORD})
    first = web.cookies.get(SESSION_COOKIE)
    await web.post("/auth/login", json={"tenant": city.slug, "username": "viewer", "password": PASSWORD})
    assert web.cookies.get(SESSION_COOKIE) != first
    web.cookies.clear()
    web.cookies.set(SESSION_COOKIE, first)
    r = await web.post("/auth/mfa", json={"code": "000000"})
    assert r.status_code == 401 and "no sign-in in progress" in r.json()["detail"]
