"""Throughput of one app instance against two behind the reverse proxy, and a many-connection soak.

    uv run python infra/bench/instances/run.py [--duration 20] [--connections 32]
                                               [--soak-connections 500 --soak-duration 60]

Needs `caddy` and `wrk` on the PATH (Debian packages of those names). Starts an embedded
PostgreSQL in a temporary directory (or uses GVI_DATABASE_URL), migrates, loads the demo cities,
creates an API client in Malmö and measures, each configuration started alone and then stopped:

- 1 instance × 1 worker, 2 instances × 1 worker, 1 instance × 2 workers, 2 instances × 2 workers —
  every one behind Caddy (round robin, the same proxy as infra/compose), `gvi serve` in production
  mode; wrk posts one GraphQL query (the 20 newest incidents with their groups) with a bearer token
  from the real client-credentials flow (its rate-limit bucket raised, still spent per request);
- the soak: 2 instances × 2 workers, ``--soak-connections`` open connections for
  ``--soak-duration`` seconds: errors (non-2xx answers and socket errors) and the peak resident
  memory of each instance's process tree, sampled every 0.5 s.

Prints Markdown tables with ratios to the first configuration. All processes share this machine's
cores with the load generator and PostgreSQL: on a 2-core machine two instances cannot double
anything, and the table says how close they come.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[3]))
os.environ.setdefault("GVI_DATA_DIR", tempfile.mkdtemp(prefix="gvi-bench-instances-"))

import httpx  # noqa: E402
import psutil  # noqa: E402
from sqlalchemy import select  # noqa: E402

from domain.demo import load  # noqa: E402
from domain.identity import clients  # noqa: E402
from tenants import migrate  # noqa: E402
from tenants.context import tenant_context  # noqa: E402
from tenants.database import create_engine, resolve_urls, session_factory, transaction  # noqa: E402
from tenants.models import Tenant  # noqa: E402
from tenants.settings import get_settings  # noqa: E402

QUERY = '{"query": "{ incidents(first: 20) { edges { node { id type occurredAt killed injured groups { name } } } } }"}'
PROXY_PORT, FIRST_PORT = 18480, 18500


def start_instances(count: int, workers: int, env: dict) -> list[subprocess.Popen]:
    procs = []
    for i in range(count):
        procs.append(subprocess.Popen([sys.executable, "-m", "api.cli", "serve", "--port", str(FIRST_PORT + i),
                                       "--workers", str(workers)], env=env, stdout=subprocess.DEVNULL,
                                      stderr=subprocess.DEVNULL))
    deadline = time.monotonic() + 300
    for i in range(count):
        while True:
            try:
                if httpx.get(f"http://127.0.0.1:{FIRST_PORT + i}/readyz", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                raise SystemExit("an instance did not become ready")
            time.sleep(0.3)
    return procs


def start_proxy(count: int, workdir: Path) -> subprocess.Popen:
    upstreams = " ".join(f"127.0.0.1:{FIRST_PORT + i}" for i in range(count))
    config = workdir / "Caddyfile"
    config.write_text(f"{{\n\tadmin off\n\tauto_https off\n}}\n:{PROXY_PORT} {{\n"
                      f"\treverse_proxy {upstreams} {{\n\t\tlb_policy round_robin\n\t}}\n}}\n")
    proxy = subprocess.Popen(["caddy", "run", "--config", str(config), "--adapter", "caddyfile"],
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env={**os.environ, "HOME": str(workdir)})
    for _ in range(100):
        try:
            httpx.get(f"http://127.0.0.1:{PROXY_PORT}/healthz", timeout=2)
            return proxy
        except httpx.TransportError:
            time.sleep(0.1)
    raise SystemExit("caddy did not start")


def stop(procs: list[subprocess.Popen]) -> None:
    for p in procs:
        p.terminate()
    for p in procs:
        p.wait(timeout=30)


def wrk(token: str, connections: int, duration: int, workdir: Path) -> dict:
    script = workdir / "post.lua"
    body = QUERY.replace("\\", "\\\\").replace('"', '\\"')
    script.write_text(f'wrk.method = "POST"\nwrk.body = "{body}"\n'
                      f'wrk.headers["Content-Type"] = "application/json"\n'
                      f'wrk.headers["Authorization"] = "Bearer {token}"\n')
    out = subprocess.run(["wrk", "-t2", f"-c{connections}", f"-d{duration}s", "--latency", "--timeout", "30s",
                          "-s", str(script), f"http://127.0.0.1:{PROXY_PORT}/graphql"],
                         capture_output=True, text=True, check=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    total = int(re.search(r"(\d+) requests in", out).group(1))
    non2xx = int(m.group(1)) if (m := re.search(r"Non-2xx or 3xx responses: (\d+)", out)) else 0
    socket = sum(int(x) for x in re.findall(r"(?:connect|read|write|timeout) (\d+)", out.split("Socket errors:")[1])) \
        if "Socket errors:" in out else 0
    p50 = re.search(r"50%\s+([\d.]+)(\w+)", out)
    p99 = re.search(r"99%\s+([\d.]+)(\w+)", out)
    return {"rps": rps, "total": total, "errors": non2xx + socket, "p50": "".join(p50.groups()), "p99": "".join(p99.groups())}


def token(client_id: str, secret: str) -> str:
    r = httpx.post(f"http://127.0.0.1:{PROXY_PORT}/oauth/token", data={"grant_type": "client_credentials"},
                   auth=(client_id, secret), timeout=30)
    r.raise_for_status()
    return r.json()["access_token"]


async def prepare() -> tuple[str, str, str]:
    urls = resolve_urls(get_settings())
    await migrate.upgrade(urls.owner)
    engine = create_engine(urls.app, pool_size=2, max_overflow=0)
    sessions = session_factory(engine)
    await load(sessions)
    async with sessions() as s:
        malmo = await s.scalar(select(Tenant).where(Tenant.slug == "malmo"))
    with tenant_context(malmo.id):
        async with transaction(sessions) as s:
            issued = await clients.create(s, tenant_slug="malmo", name=f"Bench {uuid.uuid4().hex[:6]}",
                                          scopes="incidents:read groups:read")
    await engine.dispose()
    return urls.app, issued.client.client_id, issued.secret


def tree_rss(proc: subprocess.Popen) -> int:
    try:
        root = psutil.Process(proc.pid)
        return sum(p.memory_info().rss for p in [root, *root.children(recursive=True)])
    except psutil.NoSuchProcess:
        return 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=20)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--soak-connections", type=int, default=500)
    parser.add_argument("--soak-duration", type=int, default=60)
    args = parser.parse_args()
    for tool in ("caddy", "wrk"):
        if not shutil.which(tool):
            raise SystemExit(f"{tool} is needed (apt-get install {tool})")
    app_url, client_id, secret = asyncio.run(prepare())
    workdir = Path(tempfile.mkdtemp(prefix="gvi-bench-proxy-"))
    env = {**os.environ, "GVI_ENV": "production", "GVI_APP_DATABASE_URL": app_url, "GVI_PUBLIC_URL": "https://bench",
           "GVI_SECRET_KEY": "bench-instances-share-this-" + "x" * 20, "GVI_RATE_LIMIT_CLIENT_PER_MINUTE": "100000000",
           "GVI_LOG_LEVEL": "WARNING", "GVI_POOL_SIZE": "20", "GVI_POOL_MAX_OVERFLOW": "0"}
    env.pop("GVI_DATABASE_URL", None)
    rows = []
    for count, workers in ((1, 1), (2, 1), (1, 2), (2, 2)):
        procs = start_instances(count, workers, env)
        proxy = start_proxy(count, workdir)
        try:
            bearer = token(client_id, secret)
            wrk(bearer, args.connections, 3, workdir)  # warm-up
            result = wrk(bearer, args.connections, args.duration, workdir)
        finally:
            stop([proxy, *procs])
        rows.append((count, workers, result))
        print(f"{count} × {workers}: {result}", file=sys.stderr)
    base = rows[0][2]["rps"]
    print(f"\nwrk -t2 -c{args.connections} -d{args.duration}s through Caddy, one GraphQL query (20 incidents with groups)\n")
    print("| instances × workers | requests/s | ratio to 1 × 1 | p50 | p99 | errors |")
    print("|---|---:|---:|---:|---:|---:|")
    for count, workers, r in rows:
        print(f"| {count} × {workers} | {r['rps']:.0f} | {r['rps'] / base:.2f}× | {r['p50']} | {r['p99']} | {r['errors']} |")

    procs = start_instances(2, 2, env)
    proxy = start_proxy(2, workdir)
    peak = [0, 0]
    try:
        bearer = token(client_id, secret)
        done = threading.Event()

        def sample() -> None:
            while not done.is_set():
                for i, p in enumerate(procs):
                    peak[i] = max(peak[i], tree_rss(p))
                time.sleep(0.5)

        sampler = threading.Thread(target=sample)
        sampler.start()
        before = [tree_rss(p) for p in procs]
        try:
            result = wrk(bearer, args.soak_connections, args.soak_duration, workdir)
        finally:
            done.set()
            sampler.join()
    finally:
        stop([proxy, *procs])
    print(f"\nSoak: 2 instances × 2 workers, {args.soak_connections} connections for {args.soak_duration} s\n")
    print("| requests | requests/s | errors | p50 | p99 | RSS before (MiB, per instance) | peak RSS (MiB, per instance) |")
    print("|---:|---:|---:|---:|---:|---|---|")
    mib = lambda b: f"{b / 2**20:.0f}"  # noqa: E731
    print(f"| {result['total']} | {result['rps']:.0f} | {result['errors']} | {result['p50']} | {result['p99']} | "
          f"{' / '.join(map(mib, before))} | {' / '.join(map(mib, peak))} |")


if __name__ == "__main__":
    main()
