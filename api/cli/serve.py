"""`gvi serve`: the server, and the life of the embedded PostgreSQL it runs on.

With the embedded database, ``gvi serve`` owns the cluster: it takes a lock on the data directory
(two servers on one cluster would stop it under each other), records its mode and address in
``<data_dir>/run/serve.json`` (``gvi user totp-code`` reads the mode from there), and starts a
**watchdog** process that stops PostgreSQL as soon as the server is gone — whether it ended
normally, by Ctrl-C or SIGTERM, or was killed outright. PostgreSQL is a daemon (``pg_ctl`` detaches
it), so nothing else would: it used to keep running with PPID 1, and a stale pid in pgserver's
handle list kept later runs from ever stopping it.
"""

from __future__ import annotations

import fcntl
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import typer

from api.cli.runtime import engine, fail, run, urls
from tenants.settings import get_settings

STATE_FILE = "serve.json"
LOCK_FILE = "serve.lock"


def state_path(data_dir: Path) -> Path:
    return data_dir / "run" / STATE_FILE


def recorded_mode(data_dir: Path) -> str | None:
    """The ``GVI_ENV`` of the server running on this data directory, if one is."""
    try:
        state = json.loads(state_path(data_dir).read_text())
    except (OSError, ValueError):
        return None
    try:
        running = _alive(int(state["pid"]))
    except (KeyError, ValueError, TypeError):
        running = False
    return state.get("env") if running else None  # a gone server's mode says nothing


def _lock(data_dir: Path):
    run_dir = data_dir / "run"
    run_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    handle = open(run_dir / LOCK_FILE, "a+")  # noqa: SIM115 - held for the life of the process
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        handle.seek(0)
        holder = handle.read().strip() or "another process"
        raise fail(f"another `gvi serve` (pid {holder}) already runs on {data_dir}; stop it first") from None
    handle.seek(0)
    handle.truncate()
    handle.write(str(os.getpid()))
    handle.flush()
    return handle


def _start_watchdog(data_dir: Path) -> None:
    # Its own session: a Ctrl-C to the terminal's process group reaches the server, not the watchdog.
    subprocess.Popen([sys.executable, "-m", "api.cli.serve", "watch", str(os.getpid()), str(data_dir)],
                     start_new_session=True, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                     stderr=subprocess.DEVNULL, close_fds=True)


def watch(server_pid: int, data_dir: Path) -> None:
    """Wait for the server to end, then stop the cluster (unless a new server took it over)."""
    from tenants import embedded

    while _alive(server_pid):
        time.sleep(0.5)
    lock = data_dir / "run" / LOCK_FILE
    try:
        with open(lock, "a+") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)  # a newer server holds it: leave its cluster
            embedded.stop(data_dir)
    except BlockingIOError:
        return


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:  # a killed server its parent has not reaped yet is a zombie: gone all the same
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        return True


def serve(
    host: str = typer.Option("127.0.0.1", envvar="GVI_HOST", help="Interface to listen on."),
    port: int = typer.Option(8000, envvar="GVI_PORT", help="TCP port."),
    workers: int = typer.Option(1, min=1, help="Worker processes."),
) -> None:
    """Serve the web UI and the APIs."""
    import uvicorn

    from api.logging import config as logging_config

    settings = get_settings()
    embedded_db = not (settings.database_url or settings.app_database_url)
    if embedded_db:
        _held = _lock(settings.data_dir)  # noqa: F841 - released when the process ends
        _start_watchdog(settings.data_dir)
    resolved = urls()
    # Workers are separate processes: hand them the resolved URLs.
    if resolved.owner:
        os.environ["GVI_DATABASE_URL"] = resolved.owner
    os.environ["GVI_APP_DATABASE_URL"] = resolved.app
    # The app's settings derive GVI_PUBLIC_URL (when unset) from the address actually served.
    os.environ["GVI_HOST"], os.environ["GVI_PORT"] = host, str(port)
    get_settings.cache_clear()

    async def ping() -> None:
        async with engine(resolved.app):
            pass

    run(ping, url_hint=resolved.app)
    state = state_path(settings.data_dir)
    state.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    state.write_text(json.dumps({"pid": os.getpid(), "env": settings.env, "host": host, "port": port,
                                 "public_url": get_settings().public_url}))
    if workers > 1 and not os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        # Each worker writes its metric samples here; /metrics (in any worker) adds them up.
        os.environ["PROMETHEUS_MULTIPROC_DIR"] = tempfile.mkdtemp(prefix="gvi-metrics-")
    try:
        # Handed to uvicorn, which applies it in every worker process (a dictConfig here would not reach
        # them). Its own access log is off: it prints raw paths and query strings (gvi.access logs instead).
        uvicorn.run("api.app:create_app", factory=True, host=host, port=port, workers=workers,
                    log_config=logging_config(settings.log_level, settings.log_format), access_log=False,
                    proxy_headers=True)
    finally:
        state.unlink(missing_ok=True)
        if embedded_db:
            from tenants import embedded

            embedded.stop(settings.data_dir)  # at once; the watchdog covers the exits that skip this


if __name__ == "__main__" and sys.argv[1:2] == ["watch"]:
    watch(int(sys.argv[2]), Path(sys.argv[3]))
