"""The weekly incident review: record an incident, attribute it to a group, create a follow-up task."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

from tests.web.conftest import assert_accessible, pick, screenshot, state_purpose


def test_coordinator_records_reviews_attributes_and_follows_up_an_incident(session):
    page = session.page("malmo/coordinator", "/incidents")
    state_purpose(page)
    page.get_by_role("heading", name="Incidenter").wait_for()
    page.get_by_role("button", name="Registrera incident").click()
    dialog = page.get_by_role("dialog")
    # A time in the future is refused by the server beside the field, and what was typed stays.
    future = (datetime.now() + timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")
    dialog.get_by_label(re.compile("^Tidpunkt")).fill(future)
    dialog.get_by_label("Område").fill("Rosengård")
    dialog.get_by_label("Skadade").fill("1")
    dialog.get_by_role("button", name="Spara").click()
    dialog.get_by_text(re.compile("future")).first.wait_for()
    assert dialog.get_by_label("Område").input_value() == "Rosengård"
    when = (datetime.now() - timedelta(hours=3)).strftime("%Y-%m-%dT%H:%M")
    dialog.get_by_label(re.compile("^Tidpunkt")).fill(when)
    dialog.get_by_role("button", name="Spara").click()
    page.get_by_text("Incidenten är registrerad").wait_for()
    assert_accessible(page)

    page.get_by_role("link", name="Incidentgenomgång").click()
    page.get_by_role("heading", name="Incidentgenomgång").wait_for()
    page.get_by_role("button", name="Starta dagens genomgång").click()
    card = page.get_by_test_id("review-incident").filter(has_text="Rosengård").first
    card.wait_for()
    pick(card, "Grupp", "Södergruppen")
    card.get_by_label("Inblandning").select_option("likely")
    card.get_by_label("Säkerhet").select_option("high")
    card.get_by_role("button", name="Spara bedömning").click()
    card.get_by_test_id("attribution").filter(has_text="Södergruppen: Trolig (Hög)").wait_for()

    card.get_by_label(re.compile("^Uppgift")).fill("Hembesök hos de inblandade")
    pick(card, "Ansvarig organisation", "Polis")
    card.get_by_role("button", name="Skapa uppgift").click()
    page.get_by_role("cell", name="Hembesök hos de inblandade").wait_for()
    page.get_by_label("Projektorläge").check(force=True)
    assert_accessible(page)
    screenshot(page, "incident-review")
    assert not page.errors, page.errors


def test_incident_list_filters_by_type_and_pages(session):
    page = session.page("malmo/analyst", "/incidents?type=explosion_completed")
    state_purpose(page)
    page.get_by_role("heading", name="Incidenter").wait_for()
    rows = page.locator("tbody tr")
    rows.first.wait_for()
    assert all("Sprängning (fullbordad)" in t for t in rows.all_inner_texts())
    page.get_by_role("button", name="Visa fler").click()
    rows.nth(25).wait_for()  # the second page arrived
    assert_accessible(page)
    screenshot(page, "incidents")
