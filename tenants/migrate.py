"""Running the Alembic migrations from code (``gvi migrate``, the app's readiness check, tests)."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util import CommandError
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncConnection

from tenants.database import create_engine

MIGRATIONS_DIR = Path(__file__).resolve().parent.parent / "migrations"


def alembic_config(url: str | None = None) -> Config:
    cfg = Config(str(MIGRATIONS_DIR.parent / "alembic.ini"))
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    if url:
        cfg.attributes["url"] = url
    return cfg


def head_revision() -> str | None:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


async def current_revision(conn: AsyncConnection) -> str | None:
    return await conn.run_sync(lambda sync: MigrationContext.configure(sync).get_current_revision())


def schema_state(current: str | None) -> Literal["current", "behind", "ahead"]:
    """Where the database's schema stands against this code's migrations.

    ``behind``: not migrated, or at one of our earlier revisions (run ``gvi migrate``). ``ahead``: at a
    revision this code does not know, i.e. a newer release has migrated (expand/contract: this code
    keeps working). A revision is never unknown for another reason: there is one migration history.
    """
    script = ScriptDirectory.from_config(alembic_config())
    if current is None:
        return "behind"
    if current == script.get_current_head():
        return "current"
    try:
        script.get_revision(current)
    except CommandError:  # unknown revision
        return "ahead"
    return "behind"


# Two `gvi migrate` runs at once (a retried Job and an operator, two hosts) must not interleave.
_MIGRATION_LOCK = text("select pg_advisory_lock(hashtextextended('gvi-migrate', 0))")
_MIGRATION_UNLOCK = text("select pg_advisory_unlock(hashtextextended('gvi-migrate', 0))")


async def _run(url: str, fn) -> None:
    engine = create_engine(url, pool_size=2, max_overflow=0)
    try:
        async with engine.connect() as lock:
            lock = await lock.execution_options(isolation_level="AUTOCOMMIT")
            await lock.execute(_MIGRATION_LOCK)  # session-level: held across the per-migration transactions
            try:
                async with engine.connect() as conn:
                    def run(sync_conn):
                        cfg = alembic_config(url)
                        cfg.attributes["connection"] = sync_conn
                        fn(cfg)

                    await conn.run_sync(run)
                    await conn.commit()
            finally:
                await lock.execute(_MIGRATION_UNLOCK)
    finally:
        await engine.dispose()


async def upgrade(url: str, revision: str = "head") -> None:
    await _run(url, lambda cfg: command.upgrade(cfg, revision))


async def downgrade(url: str, revision: str) -> None:
    await _run(url, lambda cfg: command.downgrade(cfg, revision))
