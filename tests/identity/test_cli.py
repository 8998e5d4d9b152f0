"""`gvi user|client|idp` as an operator runs them, against the test database."""

from __future__ import annotations

import time
import uuid

from sqlalchemy import text

from domain.identity import totp
from tests.tenants.test_cli import gvi


def run(test_database, *args, stdin: str | None = None, env: dict | None = None):
    import os
    import subprocess
    import sys

    base = {k: v for k, v in os.environ.items() if not k.startswith("GVI_")}
    # the suite's master key (tests/conftest.py): the CLI must unwrap the same city keys as the tests
    base.update({"GVI_DATABASE_URL": test_database.owner_url, "GVI_APP_DATABASE_URL": test_database.app_url,
                 "GVI_MASTER_KEY": os.environ["GVI_MASTER_KEY"]})
    base.update(env or {})
    return subprocess.run([sys.executable, "-m", "api.cli", *args], capture_output=True, text=True, env=base,
                          input=stdin, timeout=120)


def test_user_create_disable_reset_mfa(test_database, city):
    org = next(iter(city.organisations.values()))
    out = run(test_database, "user", "create", f"{city.slug}/lena.analys", "--role", "analyst", "--name", "Lena",
              "--organisation", str(org), "--password-stdin", stdin="a long enough pass phrase\n")
    assert out.returncode == 0, out.stderr
    assert "created user" in out.stdout and "password" not in out.stdout
    dup = run(test_database, "user", "create", f"{city.slug}/lena.analys", "--role", "analyst", "--name", "Lena",
              "--organisation", str(org))
    assert dup.returncode == 2 and "already exists" in dup.stderr
    weak = run(test_database, "user", "create", f"{city.slug}/weak", "--role", "viewer", "--name", "W",
               "--organisation", str(org), "--password-stdin", stdin="Password123!\n")
    assert weak.returncode == 2 and "commonly used" in weak.stderr
    bad_role = run(test_database, "user", "create", f"{city.slug}/x.y", "--role", "platform_admin", "--name", "X",
                   "--organisation", str(org))
    assert bad_role.returncode == 2 and "role" in bad_role.stderr
    generated = run(test_database, "user", "create", f"{city.slug}/gen.user", "--role", "viewer", "--name", "G",
                    "--organisation", str(org))
    assert generated.returncode == 0 and "password (shown once):" in generated.stdout
    assert run(test_database, "user", "reset-mfa", f"{city.slug}/analyst").returncode == 0
    assert run(test_database, "user", "disable", f"{city.slug}/lena.analys").returncode == 0
    missing = run(test_database, "user", "disable", f"{city.slug}/nobody")
    assert missing.returncode == 2 and "no user named" in missing.stderr


async def test_disabled_and_reset_take_effect(test_database, city, web):
    from tests.identity.conftest import PASSWORD

    assert run(test_database, "user", "reset-mfa", f"{city.slug}/caseworker").returncode == 0
    r = await web.post("/auth/login", json={"tenant": city.slug, "username": "caseworker", "password": PASSWORD})
    assert r.json()["stage"] == "mfa_enrolment"
    assert run(test_database, "user", "disable", f"{city.slug}/caseworker").returncode == 0
    r = await web.post("/auth/login", json={"tenant": city.slug, "username": "caseworker", "password": PASSWORD})
    assert r.status_code == 401


async def test_national_user_create(test_database, owner_engine):
    name = f"admin.{uuid.uuid4().hex[:6]}"
    try:
        out = run(test_database, "user", "create", name, "--role", "platform_admin", "--name", "Admin",
                  "--password-stdin", stdin="another long pass phrase\n")
        assert out.returncode == 0, out.stderr
        city_role = run(test_database, "user", "create", f"{name}2", "--role", "analyst", "--name", "A")
        assert city_role.returncode == 2 and "national role" in city_role.stderr
    finally:
        async with owner_engine.begin() as conn:
            await conn.execute(text("delete from national_users where username = :u"), {"u": name})


async def test_client_create_rotate_revoke(test_database, city, web):
    out = run(test_database, "client", "create", "--tenant", city.slug, "--name", "Polisen", "--scopes",
              "programme:read,incidents:write")
    assert out.returncode == 0, out.stderr
    lines = dict(line.split(":", 1) for line in out.stdout.splitlines() if ":" in line and not line.startswith("The"))
    client_id, secret = lines["client_id"].strip(), lines["client_secret"].strip()
    assert client_id.startswith(f"{city.slug}.")
    r = await web.post("/oauth/token", data={"grant_type": "client_credentials"}, auth=(client_id, secret))
    assert r.status_code == 200
    listing = run(test_database, "client", "list", "--tenant", city.slug)
    assert client_id in listing.stdout and secret not in listing.stdout
    rotated = run(test_database, "client", "rotate", client_id)
    assert rotated.returncode == 0
    new_secret = [line.split(":", 1)[1].strip() for line in rotated.stdout.splitlines() if line.startswith("client_secret")][0]
    assert new_secret != secret
    assert (await web.post("/oauth/token", data={"grant_type": "client_credentials"}, auth=(client_id, secret))).status_code == 401
    assert (await web.post("/oauth/token", data={"grant_type": "client_credentials"},
                           auth=(client_id, new_secret))).status_code == 200
    assert run(test_database, "client", "revoke", client_id).returncode == 0
    assert (await web.post("/oauth/token", data={"grant_type": "client_credentials"},
                           auth=(client_id, new_secret))).status_code == 401
    bad = run(test_database, "client", "create", "--tenant", city.slug, "--name", "X", "--scopes", "audit:read")
    assert bad.returncode == 2 and "unknown scope" in bad.stderr


def test_idp_set(test_database, city):
    org = "police " + city.slug
    out = run(test_database, "idp", "set", "--tenant", city.slug, "--issuer", "https://login.example.se/realms/polisen",
              "--client-id", "gvi", "--client-secret-stdin", "--organisation", org, "--map", "gvi-analytiker=analyst",
              "--map", "gvi-samordnare=coordinator", stdin="s3cret\n")
    assert out.returncode == 0, out.stderr
    assert f"/auth/oidc/{city.slug}/callback" in out.stdout
    bad = run(test_database, "idp", "set", "--tenant", city.slug, "--issuer", "http://evil.example", "--client-id", "g",
              "--client-secret", "s", "--organisation", org, "--map", "x=platform_admin")
    assert bad.returncode == 2 and "issuer" in bad.stderr and "not a city role" in bad.stderr


async def test_totp_code_only_for_demo_users_in_development(test_database, city, sessions):
    from domain.identity.demo import DEMO_PASSWORD, demo_totp_secret, load_demo_users

    prod = run(test_database, "user", "totp-code", f"{city.slug}/analyst")
    assert prod.returncode == 2 and "development" in prod.stderr
    dev = {"GVI_ENV": "development"}
    not_demo = run(test_database, "user", "totp-code", f"{city.slug}/analyst", env=dev)
    assert not_demo.returncode == 2 and "demo" in not_demo.stderr
    from domain.identity import users
    from tenants.context import tenant_context
    from tenants.database import transaction

    with tenant_context(city.tenant.id):
        async with transaction(sessions) as s:
            await s.execute(text("delete from users where username = 'analyst'"))
    lines = await load_demo_users(sessions, [city.tenant])
    assert any(DEMO_PASSWORD in line for line in lines)
    code = run(test_database, "user", "totp-code", f"{city.slug}/analyst", env=dev)
    assert code.returncode == 0, code.stderr
    now = time.time()
    assert code.stdout.strip() in {totp.current_code(demo_totp_secret(city.slug, "analyst"), at=t) for t in (now - 30, now)}
    with tenant_context(city.tenant.id):
        async with transaction(sessions) as s:
            assert (await users.find_user(s, "analyst")).is_demo


def test_gvi_cli_help_lists_identity_commands(test_database):
    out = gvi(test_database, "--help")
    for command in ("user", "client", "idp", "signing-keys"):
        assert command in out.stdout


async def test_administrative_commands_leave_one_audit_entry_each(test_database, city, owner_engine):
    org = next(iter(city.organisations.values()))
    assert run(test_database, "user", "create", f"{city.slug}/audited.user", "--role", "viewer", "--name", "A",
               "--organisation", str(org)).returncode == 0
    assert run(test_database, "user", "disable", f"{city.slug}/audited.user").returncode == 0
    out = run(test_database, "client", "create", "--tenant", city.slug, "--name", "C", "--scopes", "programme:read")
    secret = [line.split(":", 1)[1].strip() for line in out.stdout.splitlines() if line.startswith("client_secret")][0]
    async with owner_engine.connect() as conn:
        await conn.execute(text("select set_config('app.tenant_id', :t, false)"), {"t": str(city.tenant.id)})
        rows = (await conn.execute(text(
            "select actor_kind, action, object_type, details::text as details from audit_log order by seq"))).all()
        await conn.rollback()
    assert [(r.actor_kind, r.action, r.object_type) for r in rows] == [
        ("cli", "write", "user"), ("cli", "write", "user"), ("cli", "write", "api_client")]
    assert all(secret not in r.details and "password" not in r.details for r in rows)
