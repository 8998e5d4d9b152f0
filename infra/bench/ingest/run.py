"""`ingestIncidents` through the whole API against a raw asyncpg `executemany` of the same rows.

    uv run python infra/bench/ingest/run.py [--batches 10] [--batch-size 500]

Embedded PostgreSQL in a temporary directory (or GVI_DATABASE_URL). A throw-away city gets an API
client (`incidents:write`) and a token from the real client-credentials endpoint; the app runs
in-process (httpx ASGI transport: no socket, so the figure is the app's own cost) and the mutation
goes through everything a police system meets — authentication, the rate-limit bucket, GraphQL
parsing, validation and cost limits, the domain's checks and de-duplication, one audit entry per
call, the commit. The floor inserts the same rows with `executemany` as the runtime role, tenant set,
one transaction per batch, no checks. Rounds alternate. Prints a Markdown table.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[3]))
os.environ.setdefault("GVI_DATA_DIR", tempfile.mkdtemp(prefix="gvi-bench-ingest-"))
os.environ.setdefault("GVI_RATE_LIMIT_CLIENT_PER_MINUTE", "1000000")

import asyncpg  # noqa: E402
import httpx  # noqa: E402
from sqlalchemy import make_url  # noqa: E402

from api.app import create_app  # noqa: E402
from domain.identity import clients  # noqa: E402
from tenants import migrate  # noqa: E402
from tenants.context import tenant_context  # noqa: E402
from tenants.database import create_engine, resolve_urls, session_factory, transaction  # noqa: E402
from tenants.models import Tenant  # noqa: E402
from tenants.settings import Settings, get_settings  # noqa: E402

MUTATION = """mutation($input: [IncidentInput!]!) { ingestIncidents(input: $input) { created duplicates failed } }"""


def rows(prefix: str, n: int) -> list[dict]:
    start = datetime(2024, 1, 1, tzinfo=UTC)
    return [{"type": "shooting", "occurredAt": (start + timedelta(minutes=i)).isoformat(), "confirmed": True,
             "killed": 0, "injured": i % 3, "policeArea": "Malmö syd", "externalReference": f"{prefix}-{i:06d}"}
            for i in range(n)]


async def main(batches: int, size: int) -> None:
    urls = resolve_urls(get_settings())
    await migrate.upgrade(urls.owner)
    engine = create_engine(urls.app, pool_size=2, max_overflow=0)
    sessions = session_factory(engine)
    tid = uuid.uuid4()
    async with transaction(sessions) as s:
        s.add(Tenant(id=tid, slug=f"bench-{tid.hex[:8]}", name="Bench city", kommunkod="1280"))
    with tenant_context(tid):
        async with transaction(sessions) as s:
            issued = await clients.create(s, tenant_slug=f"bench-{tid.hex[:8]}", name="Bench police system", scopes="incidents:write")
    app = create_app(Settings(), app_database_url=urls.app)
    raw_url = make_url(urls.app).set(drivername="postgresql")
    dsn = raw_url.render_as_string(hide_password=False)
    connection = await asyncpg.connect(dsn.split("?")[0], host=raw_url.query.get("host") or raw_url.host)
    insert = ("insert into incidents (tenant_id, id, type, occurred_at, confirmed, killed, injured, police_area, "
              "external_reference) values ($1, $2, $3, $4, $5, $6, $7, $8, $9)")
    api_s, raw_s = [], []
    async with app.router.lifespan_context(app), httpx.AsyncClient(transport=httpx.ASGITransport(app=app),
                                                                  base_url="https://bench", timeout=300) as client:
        token = (await client.post("/oauth/token", data={"grant_type": "client_credentials"},
                                   auth=(issued.client.client_id, issued.secret))).json()["access_token"]
        headers = {"Authorization": f"Bearer {token}"}
        for b in range(batches + 1):  # batch 0 warms both paths up and is not counted
            items = rows(f"API{b}", size)
            start = time.perf_counter()
            r = await client.post("/graphql", json={"query": MUTATION, "variables": {"input": items}}, headers=headers)
            elapsed = time.perf_counter() - start
            assert r.status_code == 200 and r.json()["data"]["ingestIncidents"]["created"] == size, r.text[:500]
            if b:
                api_s.append(elapsed)
            values = [(tid, uuid.uuid4(), "shooting", datetime.fromisoformat(i["occurredAt"]), True, 0, i["injured"],
                       i["policeArea"], f"RAW{b}-{n:06d}") for n, i in enumerate(rows(f"RAW{b}", size))]
            start = time.perf_counter()
            async with connection.transaction():
                await connection.execute("select set_config('app.tenant_id', $1, true)", str(tid))
                await connection.executemany(insert, values)
            elapsed = time.perf_counter() - start
            if b:
                raw_s.append(elapsed)
    await connection.close()
    await engine.dispose()
    api_rate = size / statistics.median(api_s)
    raw_rate = size / statistics.median(raw_s)
    print(f"\n{batches} batches of {size} incidents (median batch)\n")
    print("| path | ms per batch | incidents/s | ratio to executemany |")
    print("|---|---:|---:|---:|")
    print(f"| asyncpg executemany (floor) | {statistics.median(raw_s) * 1000:.0f} | {raw_rate:.0f} | 1.00× |")
    print(f"| ingestIncidents (whole API) | {statistics.median(api_s) * 1000:.0f} | {api_rate:.0f} | {api_rate / raw_rate:.2f}× |")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--batches", type=int, default=10)
    parser.add_argument("--batch-size", type=int, default=500)
    args = parser.parse_args()
    asyncio.run(main(args.batches, args.batch_size))
