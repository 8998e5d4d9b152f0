"""The embedded PostgreSQL of `./scripts/run` stops with the server, and a second server on the
same port says what is wrong."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
import psutil


def postmasters(pgdata: Path) -> list[psutil.Process]:
    found = []
    for p in psutil.process_iter(["name", "cmdline"]):
        cmdline = p.info["cmdline"] or []
        if p.info["name"] == "postgres" and "-D" in cmdline and str(pgdata) in cmdline:
            found.append(p)
    return found


async def test_sigterm_stops_the_embedded_database_and_a_second_server_is_told_why(unused_tcp_port):
    data_dir = Path(tempfile.mkdtemp(prefix="gvi-embedded-"))
    # No database URL: the embedded server. The owner doubles as the runtime role here only so that
    # no migration is needed; this test is about processes, not data.
    env = {**os.environ, "GVI_DATA_DIR": str(data_dir), "GVI_ENV": "development", "GVI_APP_ROLE": "gvi_owner",
           "GVI_LOG_LEVEL": "WARNING"}
    for name in ("GVI_DATABASE_URL", "GVI_APP_DATABASE_URL"):
        env.pop(name, None)
    command = [sys.executable, "-m", "api.cli", "serve", "--port", str(unused_tcp_port)]
    first = await asyncio.create_subprocess_exec(*command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{unused_tcp_port}") as client:
            deadline = time.monotonic() + 120
            while True:
                if first.returncode is not None:
                    raise AssertionError((await first.stderr.read()).decode()[-2000:])
                try:
                    if (await client.get("/healthz")).status_code == 200:
                        break
                except httpx.TransportError:
                    pass
                assert time.monotonic() < deadline
                await asyncio.sleep(0.3)
        assert postmasters(data_dir / "postgres")

        second = await asyncio.create_subprocess_exec(*command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        _, errors = await asyncio.wait_for(second.communicate(), 60)
        assert second.returncode == 2
        assert "already running" in errors.decode() and str(unused_tcp_port) in errors.decode()
        assert "Traceback" not in errors.decode()
    finally:
        first.send_signal(signal.SIGTERM)
        await asyncio.wait_for(first.wait(), 60)
    await asyncio.to_thread(psutil.wait_procs, postmasters(data_dir / "postgres"), 30)
    assert postmasters(data_dir / "postgres") == [], "the embedded PostgreSQL outlived the server"
    assert not (data_dir / "postgres" / "postmaster.pid").exists()
