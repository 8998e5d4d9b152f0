"""Subject access: everything held about one person, JSON and CSV, itself audited."""

from __future__ import annotations

import csv
import getpass
import io
import json
import stat
import uuid
from datetime import date

from sqlalchemy import select

from domain.audit import service as audit
from domain.audit.models import AuditAction, AuditEntry
from domain.governance import service as governance
from domain.governance.models import RequestKind
from domain.lifecycle import export, registry
from domain.people import service as people
from tenants.context import tenant_context
from tests.domain.audit.helpers import user
from tests.tenants.test_cli import gvi


async def test_export_collects_every_section_and_is_audited(committed_tenant, app_sessions, tmp_path):
    registry.load_plugins()
    other = uuid.uuid4()
    with tenant_context(committed_tenant.id):
        async with app_sessions() as s, s.begin():
            person = (await people.create_person(s, given_name="Kalle", family_name="Anka")).id

    async def probe(session, person_id):
        return [{"alias": "Kalle", "born": date(2005, 1, 1)}] if person_id == person else []

    registry.register_collector("probe_person", probe)
    try:
        analyst = user(committed_tenant)
        with tenant_context(committed_tenant.id):
            await audit.person_read(app_sessions, principal=analyst, object_type="person", object_id=person,
                                    purpose="case review", request_id="r1")
            await audit.person_read(app_sessions, principal=analyst, object_type="person", object_id=other,
                                    purpose="case review", request_id="r2")
            async with app_sessions() as s, s.begin():
                await governance.register_request(s, kind=RequestKind.access, received_on=date(2026, 11, 1), person_id=person)
        data = await export.export_person(app_sessions, tenant=committed_tenant, person_id=person,
                                          actor=audit.Actor.system("test"), purpose="registerutdrag")
    finally:
        registry.unregister("probe_person")

    sections = data["sections"]
    assert sections["probe_person"] == [{"alias": "Kalle", "born": "2005-01-01"}]
    assert [r["kind"] for r in sections["data_subject_requests"]] == ["access"]
    assert [(r["action"], r["purpose"]) for r in sections["access_log"]] == [("read", "case review"), ("export", "registerutdrag")]
    assert "actor_name" not in sections["access_log"][0]  # organisations and purposes, not officers' names

    json_path, csv_path = export.write_files(data, tmp_path / "out")
    assert json.loads(json_path.read_text())["person_id"] == str(person)
    assert stat.S_IMODE(json_path.stat().st_mode) == 0o600 and stat.S_IMODE(csv_path.stat().st_mode) == 0o600
    rows = list(csv.DictReader(io.StringIO(csv_path.read_text())))
    assert {"section": "probe_person", "record": "1", "field": "alias", "value": "Kalle"} in rows


async def test_cli_export_person(committed_tenant, app_sessions, test_database, tmp_path):
    with tenant_context(committed_tenant.id):
        async with app_sessions() as s, s.begin():
            person = (await people.create_person(s, given_name="Kalle", family_name="Anka")).id
            await governance.register_request(s, kind=RequestKind.access, received_on=date(2026, 11, 1), person_id=person)
    bad = gvi(test_database, "export", "person", "--tenant", committed_tenant.slug, "--person", "not-a-uuid")
    assert bad.returncode == 2 and "person: must be a UUID" in bad.stderr
    out = gvi(test_database, "export", "person", "--tenant", committed_tenant.slug, "--person", str(person),
              "--output-dir", str(tmp_path))
    assert out.returncode == 0, out.stderr
    stem = f"subject-access-{committed_tenant.slug}-{person}"
    assert json.loads((tmp_path / f"{stem}.json").read_text())["sections"]["data_subject_requests"][0]["kind"] == "access"
    assert "data_subject_requests,1,kind,access" in (tmp_path / f"{stem}.csv").read_text()
    with tenant_context(committed_tenant.id):
        async with app_sessions() as s, s.begin():
            log = list(await s.scalars(select(AuditEntry)))
    assert [(e.action, e.object_id, e.actor_kind, e.actor_name) for e in log] == [
        (AuditAction.export, person, "cli", getpass.getuser())]
