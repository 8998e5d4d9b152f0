"""REST: subject access (registerutdrag) and the auditor's search of the audit log."""

from __future__ import annotations

import uuid

from sqlalchemy import func, select

from domain.audit.models import AuditEntry
from domain.identity.principal import Role
from domain.people import service as people
from tenants.context import tenant_context
from tenants.database import transaction
from tests.identity.conftest import sign_in_role

PNR = "198112189876"


async def add_person(sessions, city) -> uuid.UUID:
    with tenant_context(city.tenant.id):
        async with transaction(sessions) as s:
            person = await people.create_person(s, given_name="Testa", family_name="Registerutdrag",
                                                identity_number=PNR, phone="070-123 45 67")
            return person.id


async def audit_count(sessions, city, **where) -> int:
    with tenant_context(city.tenant.id):
        async with transaction(sessions) as s:
            stmt = select(func.count()).select_from(AuditEntry)
            for k, v in where.items():
                stmt = stmt.where(getattr(AuditEntry, k) == v)
            return await s.scalar(stmt)


async def test_subject_access_json_and_csv_audited(web, city, sessions):
    person_id = await add_person(sessions, city)
    csrf = await sign_in_role(web, Role.coordinator, city)
    before = await audit_count(sessions, city, object_id=person_id)
    r = await web.get(f"/api/people/{person_id}/subject-access",
                      headers={"X-CSRF-Token": csrf, "X-GVI-Purpose": "registerutdrag DSR-1"})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["person_id"] == str(person_id)
    person_rows = [rows for name, rows in body["sections"].items() if rows and "person" in name]
    assert person_rows and PNR in r.text  # for the data subject, identifiers are decrypted
    assert await audit_count(sessions, city, object_id=person_id) == before + 1
    r = await web.get(f"/api/people/{person_id}/subject-access?format=csv",
                      headers={"X-CSRF-Token": csrf, "X-GVI-Purpose": "registerutdrag DSR-1"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    assert r.text.splitlines()[0] == "section,record,field,value"


async def test_subject_access_refusals(web, city, other_city, sessions):
    person_id = await add_person(sessions, city)
    elsewhere = await add_person(sessions, other_city)
    csrf = await sign_in_role(web, Role.coordinator, city)
    headers = {"X-CSRF-Token": csrf, "X-GVI-Purpose": "registerutdrag"}
    r = await web.get(f"/api/people/{elsewhere}/subject-access", headers=headers)
    assert r.status_code == 404  # another city's person is not here
    r = await web.get(f"/api/people/{person_id}/subject-access", headers={"X-CSRF-Token": csrf})
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "purpose"
    r = await web.get(f"/api/people/{person_id}/subject-access?format=pdf", headers=headers)
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "query.format"
    await web.post("/auth/logout", headers={"X-CSRF-Token": csrf})
    csrf = await sign_in_role(web, Role.outreach, city)  # own organisation only: not the whole record
    r = await web.get(f"/api/people/{person_id}/subject-access",
                      headers={"X-CSRF-Token": csrf, "X-GVI-Purpose": "registerutdrag"})
    assert r.status_code == 403
    assert await audit_count(sessions, city, object_id=person_id, outcome="denied") >= 1
    r = await web.get(f"/api/people/{uuid.uuid4()}/subject-access",  # no existence oracle for the refused
                      headers={"X-CSRF-Token": csrf, "X-GVI-Purpose": "registerutdrag"})
    assert r.status_code == 403


async def test_auditor_searches_the_log_and_nobody_else_can(web, city, sessions):
    person_id = await add_person(sessions, city)
    csrf = await sign_in_role(web, Role.coordinator, city)
    await web.get(f"/api/people/{person_id}/subject-access", headers={"X-CSRF-Token": csrf, "X-GVI-Purpose": "p"})
    r = await web.get("/api/audit", headers={"X-CSRF-Token": csrf})
    assert r.status_code == 403
    await web.post("/auth/logout", headers={"X-CSRF-Token": csrf})
    csrf = await sign_in_role(web, Role.auditor, city)
    r = await web.get(f"/api/audit?person={person_id}&action=export", headers={"X-CSRF-Token": csrf})
    assert r.status_code == 200, r.text
    entries = r.json()["entries"]
    assert len(entries) == 1 and entries[0]["object_id"] == str(person_id) and entries[0]["purpose"] == "p"
    assert PNR not in r.text
    r = await web.get("/api/audit?limit=0", headers={"X-CSRF-Token": csrf})
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "query.limit"


async def test_auditor_sees_the_chain_verdict_of_their_city_only(web, city, sessions):
    csrf = await sign_in_role(web, Role.coordinator, city)
    assert (await web.get("/api/audit/verify")).status_code == 403
    await web.post("/auth/logout", headers={"X-CSRF-Token": csrf})
    await sign_in_role(web, Role.auditor, city)
    r = await web.get("/api/audit/verify")
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["intact"] is True and body["broken_at"] is None
    assert body["entries"] == await audit_count(sessions, city) and body["head_seq"] == body["entries"]


async def test_subject_access_is_its_own_category_coordinators_only(web, city, sessions):
    """Issue 9 item 6: the export needed only people:read, so caseworkers, analysts and API clients with
    people:read took everything. It is now the `subject_access` category of the matrix."""
    from domain.identity import clients
    from tests.identity.test_tokens import bearer, get_token

    person_id = await add_person(sessions, city)
    for role in (Role.caseworker, Role.analyst):
        csrf = await sign_in_role(web, role, city)
        headers = {"X-CSRF-Token": csrf, "X-GVI-Purpose": "registerutdrag"}
        assert (await web.get(f"/api/people/{person_id}/subject-access", headers=headers)).status_code == 403
        assert (await web.get(f"/api/people/{uuid.uuid4()}/subject-access", headers=headers)).status_code == 403
        await web.post("/auth/logout", headers={"X-CSRF-Token": csrf})
    with tenant_context(city.tenant.id):
        async with transaction(sessions) as s:
            issued = await clients.create(s, tenant_slug=city.slug, name="Agency", scopes="people:read")
    token = (await get_token(web, issued.client.client_id, issued.secret)).json()["access_token"]
    r = await web.get(f"/api/people/{person_id}/subject-access", headers={**bearer(token), "X-GVI-Purpose": "x"})
    assert r.status_code == 403 and PNR not in r.text
    assert await audit_count(sessions, city, object_id=person_id, outcome="denied") == 3
