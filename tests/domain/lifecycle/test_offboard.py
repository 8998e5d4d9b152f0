"""Offboarding: the city gets its data, then nothing of it is readable here; national figures stay."""

from __future__ import annotations

import json
import stat
import uuid

import pytest
from sqlalchemy import text

from domain.audit import service as audit
from domain.governance import service as governance
from domain.governance.models import RequestKind
from domain.lifecycle.offboard import offboard, tenant_tables
from domain.organisations.models import Organisation, OrganisationKind
from tenants.context import tenant_context
from tenants.crypto import decrypt, keys
from tenants.crypto.fields import DecryptionFailed
from tenants.errors import Conflict
from tenants.models import Tenant, TenantStatus
from tests.conftest import spare_kommunkod
from tests.domain.audit.helpers import user
from tests.probes import TABLE, insert_secret, probe_secrets  # noqa: F401
from tests.tenants.test_cli import gvi

pytestmark = pytest.mark.usefixtures("probe_secrets")
PNR = "198112189876"


async def test_offboard_exports_then_leaves_nothing_readable(committed_tenant, app_sessions, owner_sessions,
                                                             owner_engine, tmp_path):
    from datetime import date

    t = committed_tenant
    async with owner_engine.begin() as conn:
        await conn.execute(text("create table national.probe_figures (kommunkod text, year int, shootings int)"))
        await conn.execute(text("insert into national.probe_figures values ('1280', 2025, 12)"))
    try:
        with tenant_context(t.id):
            async with app_sessions() as s, s.begin():
                s.add(Organisation(tenant_id=t.id, id=uuid.uuid4(), name="Polisen", kind=OrganisationKind.police))
                row = await insert_secret(s, t.id, PNR)
                await governance.register_request(s, kind=RequestKind.erasure, received_on=date(2026, 11, 1))
                ciphertext = bytes(await s.scalar(text(f"select pnr_enc from {TABLE}")))
            await audit.person_read(app_sessions, principal=user(t), object_type="person", object_id=uuid.uuid4(),
                                    purpose="p", request_id="r")

        report = await offboard(owner_sessions, slug=t.slug, export_dir=tmp_path / "export")

        # the city's export: its rows, identity numbers decrypted, a manifest with the verified chain head
        manifest = json.loads((tmp_path / "export" / "manifest.json").read_text())
        assert manifest["audit_chain"]["seq"] == 1 and manifest["audit_chain"]["verified"] is True
        assert manifest["files"][f"{TABLE}.json"]["rows"] == 1
        assert json.loads((tmp_path / "export" / f"{TABLE}.json").read_text())[0]["pnr_enc"] == PNR
        assert "tenant_keys.json" not in manifest["files"]
        assert report.rows["organisations"] == 1 and report.rows["audit_log"] == 1 and report.keys_destroyed == 2
        assert stat.S_IMODE((tmp_path / "export").stat().st_mode) == 0o700

        # nothing readable, even with its tenant id set, as the owner
        async with owner_sessions() as s:
            async with s.begin():
                status = await s.scalar(text("select status from tenants where id = :t"), {"t": t.id})
                assert status == TenantStatus.offboarded.value
            with tenant_context(t.id):
                async with s.begin():
                    for table in await tenant_tables(s):
                        assert await s.scalar(text(f'select count(*) from "{table}"')) == 0, table
                    keys.forget()
                    with pytest.raises(DecryptionFailed):
                        await decrypt(s, table=TABLE, column="pnr_enc", row_id=row, ciphertext=ciphertext)
            async with s.begin():
                assert (await s.execute(text("select * from national.probe_figures"))).all() == [("1280", 2025, 12)]

        with pytest.raises(Conflict):
            await offboard(owner_sessions, slug=t.slug, export_dir=tmp_path / "again")
    finally:
        async with owner_engine.begin() as conn:
            await conn.execute(text("drop table national.probe_figures"))


async def test_cli_offboard(app_sessions, owner_engine, test_database, tmp_path):
    t = Tenant(id=uuid.uuid4(), slug=f"off-{uuid.uuid4().hex[:8]}", name="Bortstad", kommunkod=spare_kommunkod())
    async with app_sessions() as s, s.begin():
        s.add(t)
    try:
        (tmp_path / "busy").mkdir()
        (tmp_path / "busy" / "x").write_text("x")
        bad = gvi(test_database, "tenant", "offboard", "--slug", t.slug, "--export-dir", str(tmp_path / "busy"), "--yes")
        assert bad.returncode == 2 and "export_dir:" in bad.stderr
        with tenant_context(t.id):
            await audit.person_read(app_sessions, principal=user(t), object_type="person", object_id=uuid.uuid4(),
                                    purpose="p", request_id="r")
        out = gvi(test_database, "tenant", "offboard", "--slug", t.slug, "--export-dir", str(tmp_path / "out"), "--yes")
        assert out.returncode == 0, out.stderr
        assert f"tenant {t.slug} is offboarded" in out.stdout
        assert json.loads((tmp_path / "out" / "audit_log.json").read_text())[0]["purpose"] == "p"
        listing = gvi(test_database, "tenant", "list")
        assert any(t.slug in line and "offboarded" in line for line in listing.stdout.splitlines())
    finally:
        from tests.conftest import purge_tenant

        await purge_tenant(owner_engine, t.id)
