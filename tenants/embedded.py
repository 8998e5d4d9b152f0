"""Embedded PostgreSQL (the ``pgserver`` package) for a machine with nothing but Python.

The cluster lives in ``<data_dir>/postgres`` and survives restarts. Its bootstrap superuser creates
the owner role and the ``gvi`` database once; the runtime and national roles are created by the
migrations, exactly as on a real server.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

DATABASE_NAME = "gvi"


@dataclass(frozen=True)
class EmbeddedUrls:
    superuser: str
    owner: str
    app: str
    socket_dir: str


def _url(user: str, database: str, socket_dir: str) -> str:
    return f"postgresql+asyncpg://{user}@/{database}?host={socket_dir}"


def start(data_dir: Path, owner_role: str, app_role: str, database: str = DATABASE_NAME) -> EmbeddedUrls:
    """Start (or attach to) the embedded cluster and make sure the owner role and database exist."""
    run_dir = data_dir / "run"
    run_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    os.environ.setdefault("XDG_RUNTIME_DIR", str(run_dir))  # pgserver looks it up; must be private
    import pgserver  # imported lazily: only the embedded mode needs the binaries

    pgdata = data_dir / "postgres"
    pgdata.mkdir(parents=True, exist_ok=True, mode=0o700)
    server = pgserver.get_server(pgdata, cleanup_mode="stop")
    socket_dir = str(pgdata)
    # pgserver's psql helper runs as the bootstrap superuser over the socket; idempotent DDL only.
    server.psql(
        f"""DO $$ BEGIN
          IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{owner_role}') THEN
            CREATE ROLE "{owner_role}" LOGIN CREATEROLE NOSUPERUSER NOBYPASSRLS;
          END IF;
        END $$;"""
    )
    # The owner's migrations cap the runtime role's temporary files (a superuser setting).
    server.psql(f'GRANT SET ON PARAMETER temp_file_limit TO "{owner_role}"')
    exists = server.psql(f"SELECT 1 FROM pg_database WHERE datname = '{database}'")
    if "1 row" not in exists:
        server.psql(f'CREATE DATABASE "{database}" OWNER "{owner_role}"')
    # Keep the handle alive for the life of the process so cleanup_mode="stop" runs at exit.
    global _server
    _server = server
    return EmbeddedUrls(
        superuser=_url("postgres", database, socket_dir),
        owner=_url(owner_role, database, socket_dir),
        app=_url(app_role, database, socket_dir),
        socket_dir=socket_dir,
    )


_server = None
