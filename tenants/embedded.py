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


class NoCluster(Exception):
    """The data directory holds no cluster, and this command must not create one."""

    def __init__(self, data_dir: Path) -> None:
        super().__init__(f"no database in {data_dir}: run `gvi migrate` (or set GVI_DATA_DIR to the server's)")


def has_cluster(data_dir: Path) -> bool:
    return (data_dir / "postgres" / "PG_VERSION").is_file()


def postmaster_pid(data_dir: Path) -> int | None:
    """The pid of the cluster's running postmaster, if any (from ``postmaster.pid``)."""
    try:
        pid = int((data_dir / "postgres" / "postmaster.pid").read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return None
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return None
    except PermissionError:  # runs as another OS user (pgserver's, when we are root): alive
        pass
    return pid


def stop(data_dir: Path) -> None:
    """Stop the cluster now (fast shutdown), whoever started it."""
    if postmaster_pid(data_dir) is None:
        return
    import pgserver
    from pgserver._commands import pg_ctl

    server = pgserver.get_server(data_dir / "postgres", cleanup_mode=None)
    pg_ctl(["-w", "-m", "fast", "stop"], pgdata=server.pgdata, user=server.system_user)


def start(data_dir: Path, owner_role: str, app_role: str, database: str = DATABASE_NAME, *,
          create: bool = True) -> EmbeddedUrls:
    """Start (or attach to) the embedded cluster and make sure the owner role and database exist.

    ``create=False`` refuses a data directory without a cluster (:class:`NoCluster`) instead of
    creating an empty one a command would then fail on with "role does not exist".
    """
    if not create and not has_cluster(data_dir):
        raise NoCluster(data_dir)
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
