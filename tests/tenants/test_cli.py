"""The `gvi` CLI against the test database, as an operator runs it."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from sqlalchemy import text

from tenants.rls import tenant_rls_statements


def gvi(test_database, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    # Only the suite's own key material and data dir pass through: the command must not pick up a
    # developer's database or write key files into their data directory.
    keep = {"GVI_MASTER_KEY", "GVI_DATA_DIR"}
    base = {k: v for k, v in os.environ.items() if not k.startswith("GVI_") or k in keep}
    base.update({"GVI_DATABASE_URL": test_database.owner_url, "GVI_APP_DATABASE_URL": test_database.app_url})
    base.update(env or {})
    return subprocess.run([sys.executable, "-m", "api.cli", *args], capture_output=True, text=True, env=base,
                          timeout=120)


def test_db_check_passes_on_fresh_database(test_database):
    out = gvi(test_database, "db", "check")
    assert out.returncode == 0, out.stdout + out.stderr
    assert "posture: safe" in out.stdout
    assert "public.tenants" in out.stdout


async def test_db_check_fails_on_tenant_table_without_forced_rls(test_database, owner_engine):
    async with owner_engine.begin() as conn:
        await conn.execute(text("create table leaky_notes (tenant_id uuid not null, note text)"))
        for statement in tenant_rls_statements("leaky_notes", "SELECT", "gvi_app"):
            if "FORCE" not in statement:
                await conn.execute(text(statement))
    try:
        out = gvi(test_database, "db", "check")
        assert out.returncode == 1
        assert "leaky_notes: tenant table without FORCE ROW LEVEL SECURITY" in out.stderr
    finally:
        async with owner_engine.begin() as conn:
            await conn.execute(text("drop table leaky_notes"))


async def test_db_check_fails_on_unlisted_global_table(test_database, owner_engine):
    async with owner_engine.begin() as conn:
        await conn.execute(text("create table stray (id int)"))
    try:
        out = gvi(test_database, "db", "check")
        assert out.returncode == 1
        assert "stray: no tenant_id and not listed as a global table" in out.stderr
    finally:
        async with owner_engine.begin() as conn:
            await conn.execute(text("drop table stray"))


@pytest.mark.parametrize(
    ("args", "field", "reason"),
    [
        (["--slug", "Bad Slug!", "--name", "X", "--kommunkod", "1280"], "slug", "lower-case"),
        (["--slug", "nowhere", "--name", "X", "--kommunkod", "9999"], "kommunkod", "290 municipality codes"),
        (["--slug", "blank", "--name", "  ", "--kommunkod", "1280"], "name", "must not be empty"),
    ],
)
async def test_tenant_create_bad_input(test_database, app_engine, args, field, reason):
    out = gvi(test_database, "tenant", "create", *args)
    assert out.returncode == 2
    assert f"{field}: " in out.stderr and reason in out.stderr
    assert "Traceback" not in out.stderr
    async with app_engine.connect() as conn:
        assert await conn.scalar(text("select count(*) from tenants where slug = :s"), {"s": args[1]}) == 0


async def test_tenant_create_duplicate_slug_and_list(test_database, owner_engine):
    ok = gvi(test_database, "tenant", "create", "--slug", "cli-city", "--name", "Örebro", "--kommunkod", "1880")
    try:
        assert ok.returncode == 0, ok.stderr
        dup = gvi(test_database, "tenant", "create", "--slug", "cli-city", "--name", "Again", "--kommunkod", "1880")
        assert dup.returncode == 2
        assert "slug: a tenant with slug 'cli-city' already exists" in dup.stderr
        listing = gvi(test_database, "tenant", "list")
        assert listing.returncode == 0
        assert "cli-city" in listing.stdout and "Örebro" in listing.stdout and "Again" not in listing.stdout
    finally:
        async with owner_engine.begin() as conn:
            await conn.execute(text("delete from tenants where slug = 'cli-city'"))


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("postgresql://gvi@127.0.0.1:1/gvi", "connection refused"),
        ("postgresql://gvi@no-such-host.invalid:5432/gvi", "unknown host"),
        ("mysql://gvi@127.0.0.1/gvi", "not a PostgreSQL URL"),
    ],
)
def test_wrong_database_url_gives_one_clear_line(test_database, url, expected):
    out = gvi(test_database, "migrate", env={"GVI_DATABASE_URL": url, "GVI_APP_DATABASE_URL": ""})
    assert out.returncode == 2
    lines = [line for line in out.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, out.stderr
    assert expected in lines[0]
    assert "Traceback" not in out.stderr


@pytest.mark.parametrize("setting", ["statement_timeout", "temp_file_limit"])
async def test_db_check_fails_without_runtime_role_limits(test_database, owner_engine, setting):
    """Issue 9.1: without these one request can hold the database (or fill its disk) for every city."""
    async with owner_engine.begin() as conn:
        await conn.execute(text(f"alter role gvi_app reset {setting}"))
    try:
        out = gvi(test_database, "db", "check")
        assert out.returncode == 1
        assert f"role gvi_app: no {setting}" in out.stderr
    finally:
        value = {"statement_timeout": "30s", "temp_file_limit": "256MB"}[setting]
        async with owner_engine.begin() as conn:
            await conn.execute(text(f"alter role gvi_app set {setting} = '{value}'"))
