"""The national API end to end: national users read as the national role, city coordinators record
sharing (audited), releases are requested in the background and published to rate-limited public pages."""

from __future__ import annotations

import asyncio
import csv
import io
from datetime import date

from sqlalchemy import text
from strawberry import relay

from domain.identity.principal import Role
from domain.national.refresh import refresh
from tenants.settings import get_settings
from tests.identity.conftest import running_app, sign_in_role
from tests.national.helpers import add_shootings


async def gql(client, csrf, query, variables=None):
    r = await client.post("/graphql", json={"query": query, "variables": variables or {}}, headers={"X-CSRF-Token": csrf})
    assert r.status_code == 200, r.text
    return r.json()


async def test_national_users_read_as_the_national_role_and_never_reach_city_objects(web, nationals, city):
    csrf = await sign_in_role(web, Role.evaluator, nationals=nationals)
    body = await gql(web, csrf, "{ national { databaseRole cities { name kommunkod } releases { id } } }")
    assert "errors" not in body, body
    assert body["data"]["national"]["databaseRole"] == get_settings().national_role
    some_city_object = str(relay.GlobalID("Organisation", str(next(iter(city.organisations.values())))))
    body = await gql(web, csrf, "query($id: ID!) { node(id: $id) { id } }", {"id": some_city_object})
    assert body == {"data": {"node": None}}
    body = await gql(web, csrf, "{ incidents { edges { node { id } } } }")
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    body = await gql(web, csrf, "{ nationalSharing { reference } }")
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"


async def test_a_coordinator_records_and_pauses_sharing_audited(web, city, app_engine):
    csrf = await sign_in_role(web, Role.coordinator, city)
    record = """mutation($input: RecordNationalSharingInput!) { recordNationalSharing(input: $input) {
        agreement { reference measures inForce } errors { field code } } }"""
    bad = await gql(web, csrf, record, {"input": {"reference": "", "signatory": "S", "signedOn": "2099-01-01",
                                                 "measures": ["killed", "names"]}})
    fields = {e["field"] for e in bad["data"]["recordNationalSharing"]["errors"]}
    assert fields == {"input.reference", "input.signedOn", "input.measures"}
    ok = await gql(web, csrf, record, {"input": {"reference": "KS 2024/12", "signatory": "Ordförande",
                                                "signedOn": "2024-02-01", "measures": ["killed", "injured"]}})
    assert ok["data"]["recordNationalSharing"]["agreement"] == {"reference": "KS 2024/12", "measures": ["killed", "injured"],
                                                                "inForce": True}
    paused = await gql(web, csrf, "mutation { pauseNationalSharing { agreement { inForce pausedBy } errors { code } } }")
    assert paused["data"]["pauseNationalSharing"]["agreement"]["inForce"] is False
    again = await gql(web, csrf, "mutation { pauseNationalSharing { agreement { inForce } errors { field code } } }")
    assert again["data"]["pauseNationalSharing"]["errors"] == [{"field": "input.agreement", "code": "not_in_force"}]
    shown = await gql(web, csrf, "{ nationalSharing { reference inForce } }")
    assert shown["data"]["nationalSharing"] == {"reference": "KS 2024/12", "inForce": False}
    async with app_engine.connect() as conn:
        await conn.execute(text("select set_config('app.tenant_id', :t, false)"), {"t": str(city.tenant.id)})
        logged = list((await conn.execute(text(
            "select object_type from audit_log where object_type like '%NationalSharing' order by seq"))).scalars())
        await conn.execute(text("select set_config('app.tenant_id', '', false)"))
    assert logged == ["recordNationalSharing", "pauseNationalSharing"]


async def test_release_requested_in_background_published_and_public(web, nationals, city, sessions, writer_sessions,
                                                                  publisher_sessions, auth_settings, test_database):
    await add_shootings(sessions, city.tenant, date(2022, 5, 4), 3, injured=2)
    from tests.national.helpers import agree

    await agree(sessions, city.tenant)
    await refresh(writer_sessions, only=[city.slug])
    evaluator = await sign_in_role(web, Role.evaluator, nationals=nationals)
    refused = await gql(web, evaluator, "mutation { createRelease { job { id } errors { code } } }")
    assert refused["data"]["createRelease"] == {"job": None, "errors": [{"code": "forbidden"}]}

    csrf = await sign_in_role(web, Role.national_coordinator, nationals=nationals)
    bad = await gql(web, csrf, 'mutation { createRelease(input: {k: 1, from: "2022-13"}) { job { id } errors { field code } } }')
    assert {e["field"] for e in bad["data"]["createRelease"]["errors"]} == {"input.k", "input.from"}
    made = await gql(web, csrf, 'mutation { createRelease(input: {k: 5, from: "2022-01", to: "2022-12"}) '
                                '{ job { id status } errors { code } } }')
    job = made["data"]["createRelease"]["job"]
    assert job["status"] == "queued"  # answered before the release exists: created in the background
    for _ in range(300):
        state = (await gql(web, csrf, "query($id: ID!) { national { releaseJob(id: $id) { status releaseId error } } }",
                           {"id": job["id"]}))["data"]["national"]["releaseJob"]
        if state["status"] in ("done", "failed"):
            break
        await asyncio.sleep(0.2)
    assert state["status"] == "done", state
    rid = state["releaseId"]

    assert (await web.get(f"/public/releases/{rid}.csv")).status_code == 404  # not published yet
    published = await gql(web, csrf, "mutation($id: Int!) { publishRelease(id: $id) { release { id published hash } "
                                     "errors { code } } }", {"id": rid})
    assert published["data"]["publishRelease"]["release"]["published"] is True
    r = await web.get(f"/public/releases/{rid}.csv")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(r.text)))
    ours = [x for x in rows if x["city"] == city.tenant.name and x["period"] == "2022-05"]
    assert ours and ours[0]["shootings_with_injury"] == "3" and ours[0]["injured"] == "6"
    page = await web.get(f"/public/releases/{rid}")
    assert page.status_code == 200 and "Data dictionary" in page.text
    assert (await web.get(f"/public/releases/{rid}.xlsx")).content[:2] == b"PK"
    report = await gql(web, csrf, "query($r: Int!) { national { report(releaseId: $r, measures: [\"injured\"], per: YEAR) "
                                  "{ rows { kommunkod period values { measure value flag ratePer100k } } cities { name } } } }",
                       {"r": rid})
    assert "errors" not in report, report
    assert any(row["kommunkod"] == "0000" for row in report["data"]["national"]["report"]["rows"])
    # the release itself carries its tables, dictionary, method and hash (as the issue names them)
    own = await gql(web, csrf, "query($r: Int!, $k: String) { national { release(id: $r) { hash method { name k } "
                               "dictionary { column } tables(kommunkod: $k, periodFrom: \"2022-05\", periodTo: \"2022-05\") "
                               "{ kommunkod period values { measure value flag } } } } }",
                    {"r": rid, "k": city.tenant.kommunkod})
    assert "errors" not in own, own
    release = own["data"]["national"]["release"]
    assert release["hash"] == published["data"]["publishRelease"]["release"]["hash"] and release["method"]["k"] == 5
    assert {"city", "kommunkod", "period", "injured", "injured_flag"} <= {d["column"] for d in release["dictionary"]}
    assert [(t["kommunkod"], t["period"]) for t in release["tables"]] == [(city.tenant.kommunkod, "2022-05")]
    values = {v["measure"]: v["value"] for v in release["tables"][0]["values"]}
    assert values["shootings_with_injury"] == 3 and values["injured"] == 6
    listed = await gql(web, csrf, "{ national { cities { kommunkod } releases { id } } }")
    assert "errors" not in listed, listed
    # every national action, reads included, leaves an entry in the national action log
    async with publisher_sessions() as s:
        logged = set((await s.execute(text(
            "select action from national.action_log where actor = "
            "(select actor from national.action_log where action = 'release.published' and object = :o)"),
            {"o": f"release:{rid}"})).scalars())
    assert logged >= {"release.request", "release.published", "report.read", "release.get", "release.read", "cities.read",
                      "releases.read"}, logged

    # the public pages are rate-limited per client address
    limited = auth_settings.model_copy(update={"public_rate_limit_per_minute": 3})
    async with running_app(limited, test_database.app_url, address="10.9.9.9") as c:
        codes = [(await c.get("/public/releases")).status_code for _ in range(5)]
    assert codes[:3] == [200, 200, 200] and codes[-1] == 429


async def test_an_interrupted_job_is_failed_when_polled_and_can_be_retried(web, nationals, city, sessions, writer_sessions,
                                                                          publisher_sessions):
    from sqlalchemy import update

    from domain.national import releases
    from domain.national.models import ReleaseJob
    from tenants.database import transaction
    from tests.national.helpers import agree

    await add_shootings(sessions, city.tenant, date(2022, 7, 4), 1)
    await agree(sessions, city.tenant)
    await refresh(writer_sessions, only=[city.slug])
    async with transaction(publisher_sessions) as s:
        job = await releases.request(s, releases.ReleaseParameters(k=5, period_from="2022-01", period_to="2022-12"),
                                     requested_by="national.coordinator")
        # what a killed worker leaves behind: "running", and no worker holding the job's lock
        await s.execute(update(ReleaseJob).where(ReleaseJob.id == job.id).values(status="running"))
    evaluator = await sign_in_role(web, Role.evaluator, nationals=nationals)
    refused = await gql(web, evaluator, "mutation($id: ID!) { retryReleaseJob(id: $id) { job { id } errors { code } } }",
                        {"id": str(job.id)})
    assert refused["data"]["retryReleaseJob"] == {"job": None, "errors": [{"code": "forbidden"}]}
    csrf = await sign_in_role(web, Role.national_coordinator, nationals=nationals)
    polled = (await gql(web, csrf, "query($id: ID!) { national { releaseJob(id: $id) { status error } } }",
                        {"id": str(job.id)}))["data"]["national"]["releaseJob"]
    assert polled == {"status": "failed", "error": releases.INTERRUPTED}
    bad = await gql(web, csrf, 'mutation { retryReleaseJob(id: "nope") { job { id } errors { field code } } }')
    assert bad["data"]["retryReleaseJob"]["errors"] == [{"field": "id", "code": "not_an_id"}]
    retried = await gql(web, csrf, "mutation($id: ID!) { retryReleaseJob(id: $id) { job { id status } errors { code } } }",
                        {"id": str(job.id)})
    assert retried["data"]["retryReleaseJob"]["job"] == {"id": str(job.id), "status": "queued"}
    for _ in range(300):
        state = (await gql(web, csrf, "query($id: ID!) { national { releaseJob(id: $id) { status releaseId error } } }",
                           {"id": str(job.id)}))["data"]["national"]["releaseJob"]
        if state["status"] in ("done", "failed"):
            break
        await asyncio.sleep(0.2)
    assert state["status"] == "done" and state["releaseId"], state
    again = await gql(web, csrf, "mutation($id: ID!) { retryReleaseJob(id: $id) { job { id } errors { field code } } }",
                      {"id": str(job.id)})
    assert again["data"]["retryReleaseJob"] == {"job": None, "errors": [{"field": "id", "code": "job_done"}]}
