"""Each role sees its own screens: outreach never police intelligence; the auditor finds what others did."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.web.conftest import assert_accessible, screenshot, state_purpose


def test_outreach_worker_sees_no_police_information(session):
    page = session.page("malmo/outreach", "/")
    page.get_by_role("heading", name=re.compile("Översikt")).wait_for()
    nav = page.get_by_role("navigation", name="Meny").get_by_role("link").all_inner_texts()
    assert nav == ["Översikt", "Personer", "Stöd", "Uppsökande", "Mina uppföljningar"], nav
    for path in ("/groups", "/network", "/incidents", "/review", "/audit", "/admin"):
        page.goto(session.server["base"] + path)
        page.get_by_text("Din roll har inte tillgång till den här sidan.").wait_for()
    page.goto(session.server["base"] + "/people?q=an")
    state_purpose(page, "Stödinsats")
    rows = page.locator("tbody tr")
    if rows.count():  # only people of the worker's own organisation are listed at all
        rows.first.get_by_role("link").click()
        state_purpose(page, "Stödinsats")
        page.get_by_role("heading", name="Bedömningar").wait_for()
        assert page.get_by_role("heading", name="Gruppmedlemskap").count() == 0
    assert_accessible(page)
    page.goto(session.server["base"] + "/support")  # the purpose stated holds for the browser tab
    page.get_by_role("heading", name="Stöd").wait_for()
    assert not [e for e in page.errors if "FORBIDDEN" in e or "403" in e], page.errors


def test_coordinator_administers_partner_organisations(session):
    page = session.page("malmo/coordinator", "/admin")
    page.get_by_role("heading", name="Administration").wait_for()
    page.get_by_role("cell", name="coordinator", exact=True).wait_for()
    page.get_by_role("tab", name="Partnerorganisationer").click()
    page.get_by_label(re.compile("^Namn")).fill("Fältgruppen Rosengård")
    page.get_by_label("Slag").select_option("civil_society")
    page.get_by_role("button", name="Lägg till organisation").click()
    page.get_by_role("cell", name="Fältgruppen Rosengård").wait_for()
    assert_accessible(page)


def test_auditor_finds_the_coordinators_actions_and_an_intact_chain(session):
    page = session.page("malmo/auditor", "/audit")
    page.get_by_role("heading", name="Granskningslogg").wait_for()
    page.get_by_label("Händelse").select_option("write")
    page.get_by_role("button", name="Sök").click()
    entries = page.get_by_test_id("audit-entry")
    expect(entries.first).to_contain_text("Ändring")
    # the partner organisation the coordinator added just before, by name of the actor
    entries.filter(has_text=re.compile("coordinator", re.I)).filter(has_text="organisation").first.wait_for()
    page.get_by_label("Händelse").select_option("search")
    page.get_by_role("button", name="Sök").click()
    expect(entries.first).to_contain_text("Sökning")
    entries.filter(has_text="Stödinsats").first.wait_for()  # the outreach worker's stated purpose
    page.get_by_role("button", name="Kontrollera kedjan").click()
    page.get_by_text("Kedjan är obruten").wait_for()
    assert_accessible(page)
    screenshot(page, "audit-log")
