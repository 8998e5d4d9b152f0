"""`gvi serve` owns the embedded PostgreSQL: nothing outlives it, however it ends (issue 10.8)."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest

from api.cli.serve import recorded_mode
from tenants import embedded


def _env(data_dir: Path) -> dict:
    base = {k: v for k, v in os.environ.items() if not k.startswith("GVI_")}
    return base | {"GVI_DATA_DIR": str(data_dir), "GVI_MASTER_KEY": os.environ["GVI_MASTER_KEY"], "GVI_ENV": "development"}


def gvi(data_dir: Path, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "api.cli", *args], capture_output=True, text=True,
                          env=env or _env(data_dir), timeout=300)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _start(data_dir: Path) -> tuple[subprocess.Popen, int]:
    port = _free_port()
    proc = subprocess.Popen([sys.executable, "-m", "api.cli", "serve", "--port", str(port)], env=_env(data_dir),
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        assert proc.poll() is None, proc.stderr.read()
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as r:
                if r.status == 200:
                    return proc, port
        except OSError:
            time.sleep(0.5)
    proc.kill()
    raise AssertionError("gvi serve did not come up")


def _gone(data_dir: Path, seconds: float = 30) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if embedded.postmaster_pid(data_dir) is None:
            return True
        time.sleep(0.25)
    return False


@pytest.fixture(scope="module")
def data_dir():
    path = Path(tempfile.mkdtemp(prefix="gvi-serve-"))
    yield path
    embedded.stop(path)  # whatever a failed test left behind


def test_a_command_on_an_empty_data_dir_creates_nothing(data_dir):
    out = gvi(data_dir, "tenant", "list")
    assert out.returncode == 2
    assert out.stderr.strip() == f"error: no database in {data_dir}: run `gvi migrate` (or set GVI_DATA_DIR to the server's)"
    assert not embedded.has_cluster(data_dir)


@pytest.mark.parametrize("how", [signal.SIGKILL, signal.SIGTERM, signal.SIGINT])
def test_postgres_never_outlives_serve(data_dir, how):
    if not embedded.has_cluster(data_dir):
        migrated = gvi(data_dir, "migrate")
        assert migrated.returncode == 0, migrated.stderr
    assert _gone(data_dir), "gvi migrate leaves no server running"
    proc, port = _start(data_dir)
    try:
        assert embedded.postmaster_pid(data_dir) is not None
        state = json.loads((data_dir / "run" / "serve.json").read_text())
        assert state["env"] == "development" and state["port"] == port
        assert state["public_url"] == f"http://127.0.0.1:{port}"
        if how == signal.SIGKILL:  # one more server on the same cluster is refused while this one runs
            second = gvi(data_dir, "serve", "--port", str(_free_port()))
            assert second.returncode == 2 and "already runs on" in second.stderr, second.stderr
            # and totp-code takes the running server's mode, with no GVI_ENV in its shell
            env = {k: v for k, v in _env(data_dir).items() if k != "GVI_ENV"}
            code = gvi(data_dir, "user", "totp-code", "nocity/nobody", env=env)
            assert "development mode" not in code.stderr, code.stderr
    finally:
        proc.send_signal(how)
        proc.wait(timeout=60)
    assert _gone(data_dir), f"PostgreSQL still runs after gvi serve got {how.name}"
    assert recorded_mode(data_dir) is None  # a gone server's mode is never taken for a running one's
