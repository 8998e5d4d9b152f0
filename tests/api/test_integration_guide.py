"""docs/integration.md runs as written, in order, from a fresh database (issue 10.4).

Every fenced block of the guide is executed in the order it appears, the way a new integrator
would: the shell blocks (``gvi`` and ``curl``) in bash, the Python blocks in one namespace, and each
GraphQL block (with the JSON block after it as its variables) through the guide's own ``graphql()``
helper. The only substitution is the server's address for ``https://gvi.example.se``, and the id a
placeholder (``"<a Person id …>"``) tells the reader to take from the answer before.
"""

from __future__ import annotations

import asyncio
import contextlib
import io
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

import uvicorn

from api.app import create_app
from tenants import migrate
from tenants.settings import Settings
from tests.conftest import create_database, drop_database

GUIDE = Path(__file__).resolve().parents[2] / "docs" / "integration.md"
EXAMPLE_BASE = "https://gvi.example.se"


def blocks() -> list[tuple[str, str]]:
    return re.findall(r"```(sh|python|graphql|json)\n(.*?)```", GUIDE.read_text(), re.S)


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def serving(settings: Settings, app_url: str):
    server = uvicorn.Server(uvicorn.Config(create_app(settings, app_database_url=app_url), host="127.0.0.1",
                                           port=settings.port, log_config=None, lifespan="on"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 60
    while not server.started:
        assert time.monotonic() < deadline and thread.is_alive(), "the server did not start"
        time.sleep(0.05)
    try:
        yield
    finally:
        server.should_exit = True
        thread.join(30)


def test_the_guide_runs_as_written_from_a_fresh_database(test_server):
    name = f"gvi_guide_{uuid.uuid4().hex[:8]}"
    asyncio.run(create_database(test_server, name))
    owner_url, app_url = test_server.url_for(name, test_server.owner_role), test_server.url_for(name, "gvi_app")
    asyncio.run(migrate.upgrade(owner_url))
    data_dir = Path(tempfile.mkdtemp(prefix="gvi-guide-"))
    port = _port()
    base = f"http://127.0.0.1:{port}"
    env = {k: v for k, v in os.environ.items() if not k.startswith("GVI_")} | {
        "GVI_DATABASE_URL": owner_url, "GVI_APP_DATABASE_URL": app_url, "GVI_DATA_DIR": str(data_dir),
        "GVI_MASTER_KEY": os.environ["GVI_MASTER_KEY"], "PATH": f"{Path(sys.executable).parent}:{os.environ['PATH']}",
    }
    settings = Settings(env="production", data_dir=data_dir, port=port, public_url=base)
    namespace: dict = {}
    shell_vars: dict[str, str] = {}
    last: dict = {}
    ran = {"sh": 0, "python": 0, "graphql": 0}
    try:
        with serving(settings, app_url):
            documented = blocks()
            for i, (kind, body) in enumerate(documented):
                body = body.replace(EXAMPLE_BASE, base)
                if kind == "sh":
                    script = "set -euo pipefail\n" + "".join(f"{k}={json.dumps(v)}\n" for k, v in shell_vars.items())
                    script += body + '\necho "__TOKEN__=${TOKEN:-}"\n'
                    out = subprocess.run(["bash", "-c", script], capture_output=True, text=True, env=env, timeout=300)
                    assert out.returncode == 0, f"block {i} failed:\n{body}\n{out.stdout}\n{out.stderr}"
                    if token := re.search(r"__TOKEN__=(\S+)", out.stdout):
                        shell_vars["TOKEN"] = token.group(1)
                    if client := re.search(r"client_id:\s+(\S+)\nclient_secret:\s+(\S+)", out.stdout):
                        env["GVI_CLIENT_ID"], env["GVI_CLIENT_SECRET"] = client.groups()
                        os.environ["GVI_CLIENT_ID"], os.environ["GVI_CLIENT_SECRET"] = client.groups()
                    for answer in re.findall(r"^\{.*\}$", out.stdout, re.M):  # curl's JSON answers
                        parsed = json.loads(answer)
                        assert not parsed.get("errors") and "error" not in parsed, f"block {i}: {answer}"
                elif kind == "python":
                    with contextlib.redirect_stdout(io.StringIO()):
                        exec(compile(body, f"integration.md block {i}", "exec"), namespace)
                elif kind == "graphql":
                    variables = {}
                    if i + 1 < len(documented) and documented[i + 1][0] == "json":
                        raw = documented[i + 1][1]
                        if "<a Person id" in raw:  # the reader takes it from the search just before
                            raw = re.sub(r'"<a Person id[^"]*>"', json.dumps(last["people"]["edges"][0]["node"]["id"]), raw)
                        variables = json.loads(raw)
                    last = namespace["graphql"](body, **variables)  # the guide's helper: raises on any error
                ran[kind] = ran.get(kind, 0) + 1
    finally:
        os.environ.pop("GVI_CLIENT_ID", None)
        os.environ.pop("GVI_CLIENT_SECRET", None)
        asyncio.run(drop_database(test_server, name))
        shutil.rmtree(data_dir, ignore_errors=True)
    assert ran["sh"] >= 6 and ran["python"] >= 4 and ran["graphql"] >= 7, ran
    assert [r["period"] for r in last["cityFigures"]] == ["2017", "2018", "2019"]
