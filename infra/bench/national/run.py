"""National refresh + release + interval audit for 10, 100 and 290 cities with ten years of months.

    uv run python infra/bench/national/run.py [--sizes 10,100,290] [--months 120]

Each size runs in its own process (so peak memory is that size's) on a fresh database: the server of
GVI_BENCH_ADMIN_URL (a role that may create databases), else an embedded PostgreSQL in a temporary
directory. Per size:

1. load: ``gvi demo load --national``'s synthetic cities (confirmed shootings, explosions, staggered
   programme starts) — setup, not timed against the goal;
2. refresh: ``domain.national.refresh`` as the writer role, every city under its own RLS scope;
3. person counts: the synthetic cities record no people, so the bench adds a refresh run with
   synthetic person counts (many of them small) for every programme city's months, giving the
   disclosure control real work — setup, not timed;
4. release 1: compute + primary/secondary suppression + interval audit + write, as the publisher;
5. release 2: the same again, now audited against release 1 as well (the cross-release case).

Prints a Markdown table: seconds per phase, refresh + release 1 against the one-minute goal, time per
city as a ratio to the smallest size in the same run (1.00 = linear), suppressed cells, LP solves and
the process's peak resident memory.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT))


def _admin_url() -> tuple[str, str | None]:
    url = os.environ.get("GVI_BENCH_ADMIN_URL")
    if url:
        return url, None
    from tenants import embedded

    data = Path(tempfile.mkdtemp(prefix="gvi-bench-national-"))
    urls = embedded.start(data, "gvi_owner", "gvi_app")
    return urls.superuser, str(data)


async def one(size: int, months: int, admin: str) -> dict:
    import numpy as np
    from sqlalchemy import make_url, select, text

    from domain.demo.national import load_national
    from domain.national import refresh, releases
    from domain.national.models import MeasureVersion, NationalAuditEntry, RefreshRun
    from domain.national.synthetic import panel
    from tenants import migrate
    from tenants.database import create_engine, normalise_url, session_factory, transaction
    from tenants.settings import get_settings

    settings = get_settings()
    admin = normalise_url(admin)
    name = f"gvi_bench_nat_{size}_{uuid.uuid4().hex[:6]}"
    root = create_engine(admin, pool_size=1, max_overflow=0, isolation_level="AUTOCOMMIT")
    async with root.connect() as conn:
        await conn.execute(text(f'CREATE DATABASE "{name}"'))
    await root.dispose()
    base = make_url(admin).set(database=name)

    def as_role(role: str) -> str:
        return base.set(username=role, password=None).render_as_string(hide_password=False)

    owner = base.render_as_string(hide_password=False)
    try:
        await migrate.upgrade(owner)
        app = create_engine(as_role(settings.app_role), pool_size=2, max_overflow=0)
        writer = create_engine(as_role(settings.national_writer_role), pool_size=2, max_overflow=0)
        publisher = create_engine(as_role(settings.national_publisher_role), pool_size=2, max_overflow=0)
        t0 = time.perf_counter()
        await load_national(session_factory(app), cities=size, months=months)
        t_load = time.perf_counter() - t0

        t0 = time.perf_counter()
        done = await refresh.refresh(session_factory(writer), actor="bench")
        t_refresh = time.perf_counter() - t0

        # synthetic person counts for the programme cities' months (setup)
        p = panel(cities=size, months=months, seed=2019)
        rng = np.random.default_rng(7)
        person = {"clients_attending": 2.0, "custom_notifications": 1.0, "enforcement_home_visit": 1.5,
                  "enforcement_arrest": 0.8, "support_offered": 2.5, "support_accepted": 1.5, "support_started": 1.2,
                  "support_completed": 0.6, "people_reached": 4.0, "people_on_focus_list": 6.0}
        wsessions = session_factory(writer)
        async with transaction(wsessions) as s:
            run = RefreshRun(mode="bench")
            s.add(run)
            await s.flush()
            latest = (await s.execute(select(MeasureVersion.city_id, MeasureVersion.period, MeasureVersion.values)
                                      .order_by(MeasureVersion.city_id, MeasureVersion.period))).all()
            started = {}
            from domain.programme.models import ProgrammeSettings  # noqa: F401  (only the profile is read)
            for row in (await s.execute(text("select city_id, programme_started_on from national.city_profiles"))).all():
                started[row.city_id] = row.programme_started_on
            rows = []
            for city_id, period, values in latest:
                start = started.get(city_id)
                if start is None or period < start.replace(day=1):
                    continue
                extra = {m: int(rng.poisson(lam)) for m, lam in person.items()}
                rows.append({"city_id": city_id, "period": period, "run_id": run.id, "values": {**values, **extra}})
            for i in range(0, len(rows), 5000):
                await s.execute(MeasureVersion.__table__.insert(), rows[i:i + 5000])
            run.finished_at = __import__("datetime").datetime.now(__import__("datetime").UTC)
        del p

        psessions = session_factory(publisher)
        t0 = time.perf_counter()
        first = await releases.create(psessions, releases.ReleaseParameters(k=5), created_by="bench")
        t_release = time.perf_counter() - t0
        t0 = time.perf_counter()
        await releases.create(psessions, releases.ReleaseParameters(k=5), created_by="bench")
        t_release2 = time.perf_counter() - t0
        async with psessions() as s:
            entry = await s.scalar(select(NationalAuditEntry.details).where(NationalAuditEntry.object == f"release:{first.id}"))
        for e in (app, writer, publisher):
            await e.dispose()
        return {"cities": size, "months": months, "load_s": t_load, "refresh_s": t_refresh, "release_s": t_release,
                "release2_s": t_release2, "rows": first.rows, "shared": len(done.cities_shared),
                "person_rows": len(rows), "primary": entry["audit"]["primary"], "secondary": entry["audit"]["secondary"],
                "lp_solves": entry["audit"]["lp_solves"], "audited": entry["audit"]["audited"],
                "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}
    finally:
        root = create_engine(admin, pool_size=1, max_overflow=0, isolation_level="AUTOCOMMIT")
        async with root.connect() as conn:
            await conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        await root.dispose()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="10,100,290")
    parser.add_argument("--months", type=int, default=120)
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--admin", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(asyncio.run(one(args.one, args.months, args.admin))))
        return
    admin, _ = _admin_url()
    results = []
    for size in [int(s) for s in args.sizes.split(",")]:
        out = subprocess.run([sys.executable, __file__, "--one", str(size), "--months", str(args.months), "--admin", admin],
                             capture_output=True, text=True)
        if out.returncode != 0:
            sys.exit(f"{size} cities failed:\n{out.stderr[-3000:]}")
        results.append(json.loads(out.stdout.strip().splitlines()[-1]))
        print(f"… {size} cities done", file=sys.stderr)
    base = results[0]
    base_per_city = (base["refresh_s"] + base["release_s"]) / base["cities"]
    print("| cities | months | refresh s | release s | refresh + release s | < 60 s | per city ms | ratio per city "
          "| release 2 s | rows | suppressed (primary + secondary) | LP solves | peak MB |")
    print("|---:|---:|---:|---:|---:|:-:|---:|---:|---:|---:|---:|---:|---:|")
    for r in results:
        total = r["refresh_s"] + r["release_s"]
        per_city = total / r["cities"]
        print(f"| {r['cities']} | {r['months']} | {r['refresh_s']:.1f} | {r['release_s']:.1f} | {total:.1f} | "
              f"{'yes' if total < 60 else 'NO'} | {per_city * 1000:.0f} | {per_city / base_per_city:.2f}× | "
              f"{r['release2_s']:.1f} | {r['rows']} | {r['primary']} + {r['secondary']} | {r['lp_solves']} | "
              f"{r['peak_mb']:.0f} |")


if __name__ == "__main__":
    main()
