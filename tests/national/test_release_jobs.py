"""A release job whose worker was killed does not stay "running": it is marked failed and can be retried."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
import textwrap
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from domain.national import releases
from domain.national.models import NationalAuditEntry, ReleaseJob
from domain.national.refresh import refresh
from tenants.database import transaction
from tenants.errors import Conflict
from tenants.settings import get_settings
from tests.national.helpers import add_shootings, agree, make_city

ROOT = Path(__file__).resolve().parents[2]

# A real worker process (the production ``work`` loop) whose release computation never ends.
WORKER = textwrap.dedent("""
    import asyncio, sys, uuid
    from domain.national import releases
    from tenants.database import create_engine, session_factory

    async def forever(*args, **kwargs):
        print("running", flush=True)
        await asyncio.sleep(3600)

    releases.create = forever
    engine = create_engine(sys.argv[1], pool_size=2, max_overflow=0)
    asyncio.run(releases.work(session_factory(engine), job_id=uuid.UUID(sys.argv[2])))
""")


async def _status(sessions, job_id) -> ReleaseJob:
    async with transaction(sessions) as s:
        await releases.jobs(s)  # what a listing does: interrupted jobs are marked first
        return await s.get(ReleaseJob, job_id)


async def test_a_killed_worker_leaves_a_failed_job_that_can_be_retried(test_database, app_sessions, writer_sessions,
                                                                      publisher_sessions):
    city = await make_city(app_sessions)
    await add_shootings(app_sessions, city, date(2022, 3, 4), 1)
    await agree(app_sessions, city)
    await refresh(writer_sessions)
    async with transaction(publisher_sessions) as s:
        job = await releases.request(s, releases.ReleaseParameters(k=5, period_from="2022-01", period_to="2022-12"),
                                     requested_by="national.coordinator")
    url = test_database.server.url_for(test_database.name, get_settings().national_publisher_role)
    worker = await asyncio.create_subprocess_exec(
        sys.executable, "-c", WORKER, url, str(job.id), cwd=ROOT, stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE, env={**os.environ, "PYTHONPATH": str(ROOT)})
    try:
        line = await asyncio.wait_for(worker.stdout.readline(), 120)
        if line.strip() != b"running":
            pytest.fail(f"the worker did not start: {(await worker.stderr.read()).decode()[-2000:]}")
        # alive: listing leaves it running, and it cannot be retried meanwhile
        assert (await _status(publisher_sessions, job.id)).status == "running"
        with pytest.raises(Conflict):
            async with transaction(publisher_sessions) as s:
                await releases.retry(s, job.id, by="national.coordinator")
        worker.send_signal(signal.SIGKILL)  # no clean-up runs: the lease goes with the process's connection
        await asyncio.wait_for(worker.wait(), 30)
    finally:
        if worker.returncode is None:
            worker.kill()
            await worker.wait()
    # The server notices the closed connection at once, but its backend may take a moment to go.
    for _ in range(100):
        reaped = await _status(publisher_sessions, job.id)
        if reaped.status != "running":
            break
        await asyncio.sleep(0.1)
    assert reaped.status == "failed" and reaped.error == releases.INTERRUPTED and reaped.finished_at is not None
    async with publisher_sessions() as s:
        logged = await s.scalars(select(NationalAuditEntry).where(NationalAuditEntry.action == "release.job_interrupted"))
        assert any(str(job.id) in e.details["jobs"] for e in logged)

    async with transaction(publisher_sessions) as s:
        queued = await releases.retry(s, job.id, by="national.coordinator")
    assert queued.status == "queued" and queued.error is None
    done = await releases.work(publisher_sessions, job_id=job.id)
    assert [(j.id, j.status) for j in done] == [(job.id, "done")] and done[0].release_id is not None
    with pytest.raises(Conflict):  # a finished job is not retried
        async with transaction(publisher_sessions) as s:
            await releases.retry(s, job.id, by="national.coordinator")


async def test_a_worker_that_finished_releases_its_lease(publisher_sessions):
    # A job that ends (here: refused for a bad range) is failed with its own reason, never "interrupted".
    async with transaction(publisher_sessions) as s:
        job = await releases.request(s, releases.ReleaseParameters(k=5, period_from="1990-01", period_to="1990-02"),
                                     requested_by="national.coordinator")
    [done] = await releases.work(publisher_sessions, job_id=job.id)
    assert done.status in ("done", "failed") and done.error != releases.INTERRUPTED
    assert (await _status(publisher_sessions, job.id)).status == done.status
