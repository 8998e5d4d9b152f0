"""Call-ins from plan to attendance, support from offer to completion, and the dashboard that counts them."""

from __future__ import annotations

import re
from datetime import date, timedelta

from tests.web.conftest import assert_accessible, pick, screenshot, state_purpose


def total(page, key: str) -> int:
    return int(re.sub(r"\D", "", page.get_by_test_id(f"total-{key}").inner_text()))


def test_call_in_planned_rehearsed_held_with_attendance_and_support_completed_show_on_the_dashboard(session):
    page = session.page("malmo/coordinator", "/")
    page.get_by_role("button", name="Senaste 12 mån").click()
    page.wait_for_timeout(800)
    call_ins_before = total(page, "callInsHeld")

    page.get_by_role("link", name="Call-ins").click()
    state_purpose(page, "Planering av call-in")
    page.get_by_role("button", name="Planera call-in").click()
    dialog = page.get_by_role("dialog")
    yesterday = (date.today() - timedelta(days=1)).isoformat()
    dialog.get_by_label(re.compile("^Dag")).fill(yesterday)
    dialog.get_by_label(re.compile("^Plats")).fill("Stadion, Malmö")
    dialog.get_by_label("Budskap").fill("Våldet måste upphöra.")
    dialog.get_by_role("button", name="Spara").click()
    page.get_by_role("heading", name=re.compile("Call-in .* – Stadion, Malmö")).wait_for()

    page.get_by_label("Namn", exact=True).fill("Polisområdeschef")
    page.get_by_role("button", name="Lägg till talare").click()
    page.get_by_role("cell", name="Polisområdeschef").wait_for()
    client = pick(page, "Person", "an", option=".")
    page.get_by_role("button", name="Kalla klient").click()
    page.get_by_role("cell", name=client.split(" (")[0]).wait_for()

    # No call-in is held without its dress rehearsal: the UI offers the rehearsal first.
    assert page.get_by_role("button", name="Markera som genomförd").count() == 0
    page.get_by_label("Genrep hölls").fill((date.today() - timedelta(days=3)).isoformat())
    page.keyboard.press("Tab")
    page.get_by_role("button", name="Registrera genrep").click()
    page.get_by_role("button", name="Markera som genomförd").click()
    page.get_by_text("Genomförd", exact=True).first.wait_for()
    page.get_by_label(re.compile("^Närvaro")).select_option("attended")
    page.wait_for_timeout(500)
    assert_accessible(page)
    screenshot(page, "call-in")

    page.get_by_role("link", name="Stöd").click()
    page.get_by_role("heading", name="Stöd").wait_for()
    page.get_by_role("button", name="Erbjud stöd").click()
    dialog = page.get_by_role("dialog")
    person = pick(dialog, "Person", client.split(" ")[0], option=re.escape(client))
    dialog.get_by_label("Stödform").select_option("employment")
    dialog.get_by_role("button", name="Spara").click()
    card = page.get_by_test_id("support-case").filter(has_text=person.split(" (")[0]).filter(has_text="Arbete").first
    card.wait_for()
    # Only the legal moves are offered: an offer cannot be completed or started.
    assert card.get_by_role("button", name="Slutför").count() == 0
    assert card.get_by_role("button", name="Starta").count() == 0
    card.get_by_role("button", name="Accepterar").click()
    page.get_by_role("dialog").get_by_role("button", name="Accepterar").click()
    card = page.get_by_test_id("support-case").filter(has_text=person.split(" (")[0]).filter(has_text="Accepterad").first
    card.get_by_role("button", name="Registrera samtycke").click()
    page.get_by_text("Samtycket är registrerat.").wait_for()
    card.get_by_role("button", name="Starta").click()
    page.get_by_role("dialog").get_by_role("button", name="Starta").click()
    card = page.get_by_test_id("support-case").filter(has_text=person.split(" (")[0]).filter(has_text="Påbörjad").first
    card.get_by_role("button", name="Slutför").click()
    page.get_by_role("dialog").get_by_role("button", name="Slutför").click()
    page.get_by_test_id("support-case").filter(has_text=person.split(" (")[0]).filter(has_text="Avslutad").first.wait_for()
    assert_accessible(page)
    screenshot(page, "support-board")

    page.get_by_role("link", name="Översikt").click()
    page.get_by_role("button", name="Senaste 12 mån").click()
    page.get_by_test_id("total-callInsHeld").filter(has_text=str(call_ins_before + 1)).wait_for()
    assert not page.errors, page.errors
