"""Overhead of audit writes on a tenant-scoped request path.

    uv run python infra/bench/audit/run.py [--iterations 2000] [--concurrency 8]

Uses GVI_DATABASE_URL / GVI_APP_DATABASE_URL, or the embedded PostgreSQL. Migrates, creates a
throw-away tenant, and times the same read transaction (as the runtime role) three ways, rounds
interleaved so that drift hits all of them alike:

- baseline: one transaction reading a partner organisation;
- + audit (same transaction): the read plus ``audit.record`` in that transaction (the write path);
- + audit (own transaction): the read, then ``audit.record_separately`` (the read path).

Then the same with ``--concurrency`` requests of one tenant at once, where appends contend for the
tenant's chain lock. Prints a Markdown table (milliseconds per request; ratio to the baseline).
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[3]))

from sqlalchemy import select, text  # noqa: E402

from domain.audit import service as audit  # noqa: E402
from domain.audit.models import AuditAction  # noqa: E402
from domain.identity.principal import Principal, Role, SubjectKind  # noqa: E402
from domain.organisations.models import Organisation, OrganisationKind  # noqa: E402
from tenants import migrate  # noqa: E402
from tenants.context import tenant_context  # noqa: E402
from tenants.database import create_engine, resolve_urls, session_factory, transaction  # noqa: E402
from tenants.models import Tenant  # noqa: E402
from tenants.settings import get_settings  # noqa: E402


async def main(iterations: int, concurrency: int) -> None:
    urls = resolve_urls(get_settings())
    await migrate.upgrade(urls.owner)
    app = create_engine(urls.app, pool_size=concurrency + 2, max_overflow=0)
    owner = create_engine(urls.owner, pool_size=1, max_overflow=0)
    sessions = session_factory(app)
    tid, org = uuid.uuid4(), uuid.uuid4()
    async with transaction(sessions) as s:
        s.add(Tenant(id=tid, slug=f"bench-{tid.hex[:8]}", name="Bench", kommunkod="1280"))
    who = Principal(kind=SubjectKind.user, id=uuid.uuid4(), name="Bench User", tenant_id=tid, organisation_id=org,
                    role=Role.analyst, mfa=True)
    try:
        with tenant_context(tid):
            async with transaction(sessions) as s:
                s.add(Organisation(tenant_id=tid, id=org, name="Polisen", kind=OrganisationKind.police))

            async def read(session):
                return await session.scalar(select(Organisation).where(Organisation.id == org))

            async def baseline():
                async with transaction(sessions) as s:
                    await read(s)

            async def same_txn():
                async with transaction(sessions) as s:
                    await read(s)
                    await audit.record(s, actor=who, action=AuditAction.read, object_type="organisation", object_id=org,
                                       purpose="benchmark", request_id="bench")

            async def own_txn():
                async with transaction(sessions) as s:
                    await read(s)
                await audit.record_separately(sessions, actor=who, action=AuditAction.read, object_type="organisation",
                                              object_id=org, purpose="benchmark", request_id="bench")

            variants = {"baseline": baseline, "+ audit (same transaction)": same_txn, "+ audit (own transaction)": own_txn}
            for fn in variants.values():  # warm up pools, caches, plans
                for _ in range(50):
                    await fn()

            def pct(values, p):
                return sorted(values)[min(len(values) - 1, int(len(values) * p))]

            rows = []
            # sequential: per-request latency
            times: dict[str, list[float]] = {k: [] for k in variants}
            for _ in range(iterations):
                for name, fn in variants.items():
                    start = time.perf_counter()
                    await fn()
                    times[name].append((time.perf_counter() - start) * 1000)
            base = statistics.mean(times["baseline"])
            for name, values in times.items():
                rows.append(("1", name, statistics.mean(values), pct(values, 0.5), pct(values, 0.95),
                             statistics.mean(values) / base))
            # concurrent: throughput under contention for one tenant's chain
            per_batch: dict[str, list[float]] = {k: [] for k in variants}
            for _ in range(max(1, iterations // concurrency)):
                for name, fn in variants.items():
                    start = time.perf_counter()
                    await asyncio.gather(*(fn() for _ in range(concurrency)))
                    per_batch[name].append((time.perf_counter() - start) * 1000 / concurrency)
            base = statistics.mean(per_batch["baseline"])
            for name, values in per_batch.items():
                rows.append((str(concurrency), name, statistics.mean(values), pct(values, 0.5), pct(values, 0.95),
                             statistics.mean(values) / base))
    finally:
        async with owner.begin() as conn:
            await conn.execute(text("select set_config('app.audit_purge_tenant', :t, true)"), {"t": str(tid)})
            await conn.execute(text("delete from tenants where id = :t"), {"t": tid})
        await app.dispose()
        await owner.dispose()

    print(f"{iterations} requests per variant; concurrent rows: wall time per request\n")
    print("| concurrency | variant | mean ms | p50 ms | p95 ms | ratio to baseline |")
    print("|---:|---|---:|---:|---:|---:|")
    for c, name, mean, p50, p95, ratio in rows:
        print(f"| {c} | {name} | {mean:.2f} | {p50:.2f} | {p95:.2f} | {ratio:.2f}× |")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--iterations", type=int, default=2000)
    parser.add_argument("--concurrency", type=int, default=8)
    args = parser.parse_args()
    asyncio.run(main(args.iterations, args.concurrency))
