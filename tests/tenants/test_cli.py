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
    ok = gvi(test_database, "tenant", "create", "--slug", "cli-city", "--name", "Lund", "--kommunkod", "1281")
    try:
        assert ok.returncode == 0, ok.stderr
        dup = gvi(test_database, "tenant", "create", "--slug", "cli-city", "--name", "Ystad", "--kommunkod", "1286")
        assert dup.returncode == 2
        assert "slug: a tenant with slug 'cli-city' already exists" in dup.stderr
        listing = gvi(test_database, "tenant", "list")
        assert listing.returncode == 0
        assert "cli-city" in listing.stdout and "Lund" in listing.stdout and "Ystad" not in listing.stdout
    finally:
        async with owner_engine.begin() as conn:
            await conn.execute(text("delete from tenants where slug = 'cli-city'"))


async def test_one_tenant_per_kommunkod_and_the_name_must_match(test_database, owner_engine, app_engine):
    ok = gvi(test_database, "tenant", "create", "--slug", "cli-lund", "--name", "Lunds kommun", "--kommunkod", "1281")
    try:
        assert ok.returncode == 0, ok.stderr
        # Lund's code again, even under its own name: refused, naming the holder
        again = gvi(test_database, "tenant", "create", "--slug", "cli-lund2", "--name", "Lund", "--kommunkod", "1281")
        assert again.returncode == 2
        assert again.stderr.strip() == "error: kommunkod: kommunkod 1281 is already used by tenant 'cli-lund'"
        # Malmö's code under another city's name: refused unless confirmed
        wrong = gvi(test_database, "tenant", "create", "--slug", "cli-trel", "--name", "Lund", "--kommunkod", "1287")
        assert wrong.returncode == 2
        assert "name: 'Lund' does not name municipality 1287 (Trelleborg)" in wrong.stderr
        assert len(wrong.stderr.strip().splitlines()) == 1
        confirmed = gvi(test_database, "tenant", "create", "--slug", "cli-trel", "--name", "Söderslätt",
                        "--kommunkod", "1287", "--confirm-name")
        assert confirmed.returncode == 0, confirmed.stderr
    finally:
        async with owner_engine.begin() as conn:
            await conn.execute(text("delete from tenants where slug in ('cli-lund', 'cli-lund2', 'cli-trel')"))
    async with app_engine.connect() as conn:  # and the database itself holds the rule
        constraint = await conn.scalar(text(
            "select count(*) from pg_constraint where conname = 'uq_tenants_kommunkod' and contype = 'u'"))
    assert constraint == 1


async def test_suspend_and_resume_are_audited(test_database, owner_engine):
    assert gvi(test_database, "tenant", "create", "--slug", "cli-susp", "--name", "Kävlinge",
               "--kommunkod", "1261").returncode == 0
    try:
        no_reason = gvi(test_database, "tenant", "suspend", "cli-susp")
        assert no_reason.returncode == 2 and "--reason" in no_reason.stderr
        out = gvi(test_database, "tenant", "suspend", "cli-susp", "--reason", "agreement lapsed")
        assert out.returncode == 0, out.stderr
        assert "suspended tenant cli-susp" in out.stdout and "agreement lapsed" in out.stdout
        listing = gvi(test_database, "tenant", "list")
        assert "suspended (agreement lapsed)" in listing.stdout
        async with owner_engine.connect() as conn:
            row = (await conn.execute(text("select status, suspended_at, suspension_reason from tenants "
                                           "where slug = 'cli-susp'"))).one()
        assert row.status == "suspended" and row.suspended_at is not None and row.suspension_reason == "agreement lapsed"
        again = gvi(test_database, "tenant", "resume", "cli-susp")
        assert again.returncode == 0, again.stderr
        twice = gvi(test_database, "tenant", "resume", "cli-susp")
        assert twice.returncode == 2 and "not suspended" in twice.stderr
        async with owner_engine.begin() as conn:  # RLS is forced for the owner too: enter the city
            tid = await conn.scalar(text("select id from tenants where slug = 'cli-susp'"))
            await conn.execute(text("select set_config('app.tenant_id', :t, true)"), {"t": str(tid)})
            entries = (await conn.execute(text(
                "select details->>'command', details->>'reason', actor_kind from audit_log "
                "where object_type = 'tenant' order by seq"))).all()
        assert [(e[0], e[1], e[2]) for e in entries] == [("gvi tenant suspend", "agreement lapsed", "cli"),
                                                          ("gvi tenant resume", None, "cli")]
    finally:
        async with owner_engine.begin() as conn:
            tid = await conn.scalar(text("select id from tenants where slug = 'cli-susp'"))
            await conn.execute(text("select set_config('app.audit_purge_tenant', :t, true)"), {"t": str(tid)})
            await conn.execute(text("delete from tenants where slug = 'cli-susp'"))


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


@pytest.mark.parametrize(("args", "expected"), [
    (["tenant", "suspend"], "error: gvi tenant suspend: Missing argument 'slug'."),
    (["serve", "--port", "abc"], "error: gvi serve: Invalid value for '--port'"),
    (["tenant", "create", "--slug", "x"], "error: gvi tenant create: Missing option '--name'."),
    (["--no-such-flag"], "error: gvi: No such option: --no-such-flag"),
])
def test_usage_errors_are_one_line_naming_the_option(test_database, args, expected):
    out = gvi(test_database, *args)
    assert out.returncode == 2
    assert out.stderr.startswith(expected), out.stderr
    assert len(out.stderr.strip().splitlines()) == 1 and "╭" not in out.stderr


def test_help_is_unchanged(test_database):
    out = gvi(test_database, "tenant", "create", "--help")
    assert out.returncode == 0 and "--kommunkod" in out.stdout and "--confirm-name" in out.stdout


def test_domain_refusal_is_printed_once(test_database):
    out = gvi(test_database, "tenant", "create", "--slug", "Bad Slug!", "--name", "Malmö", "--kommunkod", "9999")
    assert out.returncode == 2
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: slug: ") and "kommunkod: " in lines[0]
    assert lines[0].count("must be 2–40 characters") == 1


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
