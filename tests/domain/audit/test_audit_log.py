"""The audit log against real PostgreSQL: append-only, chained, tamper-evident, one entry per access."""

from __future__ import annotations

import asyncio
import uuid
from datetime import timedelta

import pytest
from sqlalchemy import event, func, select, text
from sqlalchemy.exc import DBAPIError

from domain.audit import service as audit
from domain.audit import verify
from domain.audit.models import AuditAction, AuditEntry, AuditOutcome
from domain.identity.permissions import Action, Category
from domain.identity.principal import Role
from tenants.context import tenant_context
from tenants.errors import PermissionDenied, ValidationFailed
from tests.domain.audit.helpers import user
from tests.tenants.test_cli import gvi

PNR = "198112189876"


async def entries(sessions, tenant) -> list[AuditEntry]:
    with tenant_context(tenant.id):
        async with sessions() as s, s.begin():
            return list(await s.scalars(select(AuditEntry).order_by(AuditEntry.seq)))


async def fill(sessions, tenant, n: int) -> list[uuid.UUID]:
    who, people = user(tenant), [uuid.uuid4() for _ in range(n)]
    with tenant_context(tenant.id):
        for p in people:
            await audit.person_read(sessions, principal=who, object_type="person", object_id=p,
                                    purpose="case review", request_id=f"req-{p.hex[:6]}")
    return people


async def as_owner(owner_engine, tenant, sql: str, params: dict | None = None, *, without_trigger: bool = False):
    """Tamper like an owner would: RLS is forced, so the tenant must be set even for the owner."""
    async with owner_engine.begin() as conn:
        await conn.execute(text("select set_config('app.tenant_id', :t, true)"), {"t": str(tenant.id)})
        if without_trigger:
            await conn.execute(text("alter table audit_log disable trigger audit_log_append_only"))
        result = await conn.execute(text(sql), params or {})
        if without_trigger:
            await conn.execute(text("alter table audit_log enable trigger audit_log_append_only"))
        return result.rowcount


async def test_runtime_role_cannot_update_or_delete(db, tenant_a):
    with tenant_context(tenant_a.id):
        async with db.begin_nested():
            await audit.record(db, actor=user(tenant_a), action=AuditAction.read, object_type="person",
                               object_id=uuid.uuid4(), purpose="p")
        for sql in ("update audit_log set purpose = 'x'", "delete from audit_log", "truncate audit_log"):
            with pytest.raises(DBAPIError, match="permission denied"):
                async with db.begin_nested():
                    await db.execute(text(sql))


async def test_trigger_refuses_even_the_owner(committed_tenant, app_sessions, owner_engine):
    await fill(app_sessions, committed_tenant, 2)
    for sql in ("update audit_log set purpose = 'x'", "delete from audit_log where seq = 1"):
        with pytest.raises(DBAPIError, match="append-only"):
            await as_owner(owner_engine, committed_tenant, sql)
    assert [e.purpose for e in await entries(app_sessions, committed_tenant)] == ["case review"] * 2


async def test_altering_one_byte_breaks_verify_at_that_entry(committed_tenant, app_sessions, owner_engine, test_database):
    await fill(app_sessions, committed_tenant, 5)
    [report] = await verify.verify(app_sessions, slug=committed_tenant.slug)
    assert report.broken is None and report.entries == 5
    ok = gvi(test_database, "audit", "verify", "--tenant", committed_tenant.slug)
    assert ok.returncode == 0, ok.stderr
    assert "intact" in ok.stdout

    assert await as_owner(owner_engine, committed_tenant, "update audit_log set purpose = 'case reviex' where seq = 3",
                          without_trigger=True) == 1
    [report] = await verify.verify(app_sessions, slug=committed_tenant.slug)
    assert report.broken.seq == 3 and "content altered" in report.broken.reason
    out = gvi(test_database, "audit", "verify")
    assert out.returncode == 1
    assert f"audit chain of tenant {committed_tenant.slug} broken at sequence 3: content altered" in out.stderr


async def test_deleting_an_entry_breaks_verify_there(committed_tenant, app_sessions, owner_engine):
    await fill(app_sessions, committed_tenant, 4)
    await as_owner(owner_engine, committed_tenant, "delete from audit_log where seq = 2", without_trigger=True)
    [report] = await verify.verify(app_sessions, slug=committed_tenant.slug)
    assert report.broken.seq == 2
    assert report.broken.reason == "entry 2 missing (sequence jumps from 1 to 3)"


async def test_cutting_the_tail_is_caught_by_a_checkpoint(committed_tenant, app_sessions, owner_engine, test_database,
                                                          tmp_path):
    await fill(app_sessions, committed_tenant, 3)
    out = gvi(test_database, "audit", "checkpoint", "--tenant", committed_tenant.slug, "--output", str(tmp_path / "cp.json"))
    assert out.returncode == 0, out.stderr
    saved = (tmp_path / "cp.json").read_text()
    assert '"seq": 3' in saved and committed_tenant.slug in saved
    await as_owner(owner_engine, committed_tenant, "delete from audit_log where seq = 3", without_trigger=True)
    [report] = await verify.verify(app_sessions, slug=committed_tenant.slug)
    assert report.broken is None  # a shorter chain is still a valid chain…
    out = gvi(test_database, "audit", "verify", "--tenant", committed_tenant.slug, "--checkpoint", str(tmp_path / "cp.json"))
    assert out.returncode == 1  # …but not the one the checkpoint vouched for
    assert "broken at sequence 3: checkpointed entry missing" in out.stderr


async def test_concurrent_appends_keep_one_valid_chain(committed_tenant, app_sessions):
    who = user(committed_tenant)
    with tenant_context(committed_tenant.id):
        await asyncio.gather(*(
            audit.person_read(app_sessions, principal=who, object_type="person", object_id=uuid.uuid4(),
                              purpose="concurrency", request_id=str(i)) for i in range(40)))
    rows = await entries(app_sessions, committed_tenant)
    assert [e.seq for e in rows] == list(range(1, 41))
    [report] = await verify.verify(app_sessions, slug=committed_tenant.slug)
    assert report.broken is None and report.head_seq == 40


async def test_concurrent_reads_of_one_city_share_one_commit(committed_tenant, app_sessions, app_engine, test_database):
    """Group commit: entries that arrive together are chained in one transaction (one lock, one commit),
    in order, one per read, and every caller gets its own entry back once it is committed."""
    who = user(committed_tenant)
    commits = []
    engine = app_engine.sync_engine
    listener = lambda conn: commits.append(conn)  # noqa: E731
    event.listen(engine, "commit", listener)
    try:
        with tenant_context(committed_tenant.id):
            written = await asyncio.gather(*(
                audit.person_read(app_sessions, principal=who, object_type="person", object_id=uuid.uuid4(),
                                  purpose="group commit", request_id=f"g{i}") for i in range(40)))
            alone = await audit.person_read(app_sessions, principal=who, object_type="person", object_id=uuid.uuid4(),
                                            purpose="group commit", request_id="alone")
    finally:
        event.remove(engine, "commit", listener)
    assert len(commits) == 2  # the 40 that arrived together, then the one after them
    assert [e.request_id for e in written] == [f"g{i}" for i in range(40)] and alone.seq == 41
    rows = await entries(app_sessions, committed_tenant)
    assert [(e.seq, e.request_id) for e in rows] == [(e.seq, e.request_id) for e in [*written, alone]]
    assert [e.seq for e in rows] == list(range(1, 42))
    ok = gvi(test_database, "audit", "verify", "--tenant", committed_tenant.slug)
    assert ok.returncode == 0 and "intact" in ok.stdout, ok.stderr


async def test_a_bad_entry_fails_alone_not_its_group(committed_tenant, app_sessions):
    who = user(committed_tenant)
    with tenant_context(committed_tenant.id):
        results = await asyncio.gather(
            audit.person_read(app_sessions, principal=who, object_type="person", object_id=uuid.uuid4(),
                              purpose="before", request_id="r1"),
            audit.person_read(app_sessions, principal=who, object_type="person", object_id=uuid.uuid4(),
                              purpose=f"case of {PNR}", request_id="r2"),
            audit.person_read(app_sessions, principal=who, object_type="person", object_id=uuid.uuid4(),
                              purpose="after", request_id="r3"),
            return_exceptions=True)
    assert isinstance(results[1], ValidationFailed)
    assert [e.request_id for e in await entries(app_sessions, committed_tenant)] == ["r1", "r3"]


async def test_chains_are_per_tenant(db, tenant_a, tenant_b):
    for t in (tenant_a, tenant_b, tenant_a):
        with tenant_context(t.id):
            async with db.begin_nested():
                e = await audit.record(db, actor=user(t), action=AuditAction.read, object_type="person", purpose="p")
    assert e.seq == 2
    with tenant_context(tenant_b.id):
        async with db.begin_nested():
            assert await db.scalar(select(func.count()).select_from(AuditEntry)) == 1


async def test_denied_attempt_is_logged_although_the_request_rolls_back(committed_tenant, app_sessions):
    viewer = user(committed_tenant, Role.viewer, name="Vera Viewer")
    person = uuid.uuid4()
    with tenant_context(committed_tenant.id):
        with pytest.raises(PermissionDenied):
            async with app_sessions() as s, s.begin():  # the request's transaction: rolled back by the error
                await audit.authorize(app_sessions, principal=viewer, category=Category.people, action=Action.read,
                                      object_type="person", object_id=person, purpose="curious", request_id="r1")
        with pytest.raises(ValidationFailed, match="purpose"):
            await audit.authorize(app_sessions, principal=user(committed_tenant), category=Category.people,
                                  action=Action.read, object_type="person", object_id=person, purpose=" ")
    rows = await entries(app_sessions, committed_tenant)
    assert [(e.action, e.outcome, e.object_id) for e in rows] == [(AuditAction.denied, AuditOutcome.denied, person)] * 2
    assert rows[0].actor_name == "Vera Viewer" and rows[0].details["reason"] == "read people not permitted"
    assert rows[1].details["reason"] == "no purpose given"


async def test_exactly_one_entry_per_read_search_and_write(committed_tenant, app_sessions):
    analyst = user(committed_tenant)
    person = uuid.uuid4()
    with tenant_context(committed_tenant.id):
        level = await audit.authorize(app_sessions, principal=analyst, category=Category.people, action=Action.read,
                                      object_type="person", object_id=person, purpose="case review")
        assert level.name == "all"
        assert await entries(app_sessions, committed_tenant) == []  # allowed: the read records itself
        await audit.person_read(app_sessions, principal=analyst, object_type="person", object_id=person,
                                purpose="case review", request_id="r1")
        await audit.person_search(app_sessions, principal=analyst, object_type="person", result_ids=[person, uuid.uuid4()],
                                  purpose="case review", request_id="r2")
        async with app_sessions() as s, s.begin():
            await audit.written(s, principal=analyst, object_type="person", object_id=person, request_id="r3")
        with pytest.raises(RuntimeError):  # a failed write leaves no entry: it rolls back with the change
            async with app_sessions() as s, s.begin():
                await audit.written(s, principal=analyst, object_type="person", object_id=person, request_id="r4")
                raise RuntimeError("the write failed")
    rows = await entries(app_sessions, committed_tenant)
    assert [(e.action, e.request_id) for e in rows] == [
        (AuditAction.read, "r1"), (AuditAction.search, "r2"), (AuditAction.write, "r3")]
    assert rows[0].organisation_id is None and rows[0].actor_id == analyst.id and rows[0].actor_kind == "user"


async def test_identity_numbers_never_enter_the_log(db, tenant_a):
    with tenant_context(tenant_a.id):
        async with db.begin_nested():
            for kw in ({"details": {"query": f"pnr {PNR}"}}, {"purpose": "check 19811218-9876"}):
                with pytest.raises(ValidationFailed) as exc:
                    await audit.record(db, actor=user(tenant_a), action=AuditAction.search, object_type="person", **kw)
                assert PNR not in str(exc.value) and "811218" not in str(exc.value)
            assert await db.scalar(select(func.count()).select_from(AuditEntry)) == 0


async def test_auditor_search_by_person_actor_time_and_action_with_keyset_pages(db, tenant_a):
    anna, bo = user(tenant_a, name="Anna"), user(tenant_a, Role.caseworker, name="Bo")
    auditor = user(tenant_a, Role.auditor, name="Auditor")
    person = uuid.uuid4()
    with tenant_context(tenant_a.id):
        async with db.begin_nested():
            for i in range(7):
                await audit.record(db, actor=anna if i % 2 else bo, action=AuditAction.read, object_type="person",
                                   object_id=person if i < 5 else uuid.uuid4(), purpose="p")
            await audit.record(db, actor=anna, action=AuditAction.search, object_type="person", purpose="p",
                               details={"results": [str(person)]})
            await audit.record(db, actor=bo, action=AuditAction.write, object_type="person", object_id=person)
            first_time = (await db.scalar(select(AuditEntry).where(AuditEntry.seq == 1))).occurred_at

            with pytest.raises(PermissionDenied):
                await audit.search(db, principal=anna, person_id=person)

            page1 = await audit.search(db, principal=auditor, person_id=person, limit=4)
            assert [e.seq for e in page1.entries] == [9, 8, 5, 4] and page1.next_before == 4
            page2 = await audit.search(db, principal=auditor, person_id=person, limit=4, before_seq=page1.next_before)
            assert [e.seq for e in page2.entries] == [3, 2, 1] and page2.next_before is None

            by_anna = await audit.search(db, principal=auditor, actor_id=anna.id, action=AuditAction.read)
            assert [e.seq for e in by_anna.entries] == [6, 4, 2]
            later = await audit.search(db, principal=auditor, since=first_time, until=first_time)
            assert later.entries == []
            first = await audit.search(db, principal=auditor, until=first_time + timedelta(microseconds=1))
            assert [e.seq for e in first.entries] == [1]
            # the auditor's own searches are in the log too
            assert (await audit.search(db, principal=auditor, action=AuditAction.search, limit=1)).entries[0].object_type \
                == "audit_log"
