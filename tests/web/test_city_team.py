"""The city team's editing screens: an incident edited (and a lost update refused), outreach logged by an
outreach worker who sees nothing police-only, a call-in cancelled with its reason, follow-ups due, and
every main screen at tablet width (768×1024) without the page scrolling sideways."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

from playwright.sync_api import expect

from tests.web.conftest import assert_accessible, pick, screenshot, state_purpose


def open_first_incident(session, user: str = "malmo/coordinator"):
    page = session.page(user, "/incidents")
    state_purpose(page)
    page.get_by_role("heading", name="Incidenter").wait_for()
    page.locator("tbody tr a").first.click()
    page.get_by_role("button", name="Ändra incident").wait_for()
    return page


def test_coordinator_edits_an_incident_and_a_stale_edit_is_refused(session):
    page = open_first_incident(session)
    url = page.url
    page.get_by_role("button", name="Ändra incident").click()
    dialog = page.get_by_role("dialog")
    # The server's refusal stands beside its field, and what was typed stays.
    dialog.get_by_label("Område", exact=True).fill("Sofielund (ändrad)")
    dialog.get_by_label(re.compile("^Tidpunkt")).fill((datetime.now() + timedelta(days=2)).strftime("%Y-%m-%dT%H:%M"))
    dialog.get_by_role("button", name="Spara").click()
    dialog.get_by_text(re.compile("future")).first.wait_for()
    assert dialog.get_by_label("Område", exact=True).input_value() == "Sofielund (ändrad)"
    assert_accessible(page)
    dialog.get_by_label(re.compile("^Tidpunkt")).fill((datetime.now() - timedelta(days=400)).strftime("%Y-%m-%dT%H:%M"))
    dialog.get_by_label("Beskrivning").fill("Skott mot port, två hylsor")
    dialog.get_by_role("button", name="Spara").click()
    page.get_by_text("Ändringen är sparad").wait_for()
    page.locator("#main").get_by_text("Sofielund (ändrad)").wait_for()
    page.locator("#main p").get_by_text("Skott mot port, två hylsor").wait_for()
    # linked groups and people, each with its role
    link = page.get_by_role("form", name="Koppla grupp")
    pick(link, "Grupp", "Söder")
    link.get_by_role("button", name="Koppla").click()
    page.get_by_text(re.compile("Södergruppen · Misstänkt gärningsperson")).wait_for()
    link = page.get_by_role("form", name="Koppla person")
    person = pick(link, "Person", "an", option=".")
    link.get_by_label("Roll").select_option("victim")
    link.get_by_role("button", name="Koppla").click()
    page.get_by_text(re.compile(re.escape(person.split(" (")[0]) + " · Offer")).wait_for()
    assert_accessible(page)
    screenshot(page, "incident-edited")

    # Two colleagues open the same incident; the one who saves second is told, not silently overwritten.
    mine = session.page("malmo/coordinator", url.removeprefix(session.server["base"]))
    state_purpose(mine)
    mine.get_by_role("button", name="Ändra incident").click()
    theirs = session.page("malmo/coordinator", url.removeprefix(session.server["base"]))
    state_purpose(theirs)
    theirs.get_by_role("button", name="Ändra incident").click()
    theirs.get_by_role("dialog").get_by_label("Område", exact=True).fill("Seved")
    theirs.get_by_role("dialog").get_by_role("button", name="Spara").click()
    theirs.get_by_text("Ändringen är sparad").wait_for()
    dialog = mine.get_by_role("dialog")
    dialog.get_by_label("Område", exact=True).fill("Möllevången")
    dialog.get_by_role("button", name="Spara").click()
    dialog.get_by_test_id("edit-conflict").wait_for()
    assert dialog.get_by_label("Område", exact=True).input_value() == "Möllevången"
    assert_accessible(mine)
    screenshot(mine, "incident-edit-conflict")
    dialog.get_by_role("button", name="Läs in den senaste versionen").click()
    mine.get_by_text("Seved", exact=True).wait_for()  # the colleague's change, behind the dialog
    dialog.get_by_role("button", name="Spara").click()  # a conscious second save, from the latest version
    mine.get_by_text("Ändringen är sparad").wait_for()
    mine.get_by_text("Möllevången", exact=True).wait_for()
    assert not page.errors and not mine.errors, page.errors + mine.errors


def test_analyst_may_edit_and_a_caseworker_has_no_incidents_at_all(session):
    page = open_first_incident(session, "malmo/analyst")
    expect(page.get_by_role("button", name="Ändra incident")).to_be_visible()
    other = session.page("malmo/caseworker", "/incidents")
    other.get_by_text("Din roll har inte tillgång till den här sidan.").wait_for()


def test_outreach_worker_logs_a_contact_and_sees_only_their_organisations_work(session):
    page = session.page("malmo/outreach", "/")
    nav = page.get_by_role("navigation", name="Meny")
    nav.get_by_role("link", name="Uppsökande").first.click()
    state_purpose(page, "Stödinsats")
    page.get_by_role("heading", name="Uppsökande arbete").wait_for()
    page.get_by_text("Du ser och loggar bara din organisations arbete.").wait_for()
    form = page.get_by_role("form", name="Logga kontakt")
    # Police intelligence is not even offered: no group fields, no organisation choice.
    assert form.get_by_label(re.compile("^Grupp")).count() == 0
    assert form.get_by_label(re.compile("^Organisation")).count() == 0
    # A contact needs someone: the server's refusal stands beside the person field.
    form.get_by_label(re.compile("^Timmar")).fill("1,5")
    form.get_by_label("Anteckning").fill("Samtal vid skolan om konflikten")
    form.get_by_role("button", name="Logga").click()
    form.get_by_text("a contact is with a person or a group").wait_for()
    assert form.get_by_label("Anteckning").input_value() == "Samtal vid skolan om konflikten"
    person = pick(form, "Person", "an", option=".")
    form.get_by_role("button", name="Logga").click()
    page.get_by_text("Kontakten är loggad").wait_for()
    first = page.get_by_test_id("outreach-list").locator("tbody tr").first
    expect(first).to_contain_text("Samtal vid skolan om konflikten")
    expect(first).to_contain_text(person.split(" (")[0])
    expect(first).to_contain_text("1,5")
    # everything listed was logged by the worker's own organisation
    organisations = page.get_by_test_id("outreach-list").locator("tbody tr td:nth-child(4) p").all_inner_texts()
    assert len(organisations) > 1 and len(set(organisations)) == 1, set(organisations)
    assert_accessible(page)
    screenshot(page, "outreach")
    assert not [e for e in page.errors if "FORBIDDEN" in e or "403" in e], page.errors


def test_coordinator_cancels_a_call_in_with_a_reason_and_a_caseworker_cannot(session):
    page = session.page("malmo/coordinator", "/call-ins")
    state_purpose(page, "Planering av call-in")
    page.get_by_role("button", name="Planera call-in").click()
    dialog = page.get_by_role("dialog")
    dialog.get_by_label(re.compile("^Dag")).fill((date.today() + timedelta(days=20)).isoformat())
    dialog.get_by_label(re.compile("^Plats")).fill("Folkets hus, Malmö")
    dialog.get_by_role("button", name="Spara").click()
    page.get_by_role("heading", name=re.compile("Call-in .* – Folkets hus, Malmö")).wait_for()
    url = page.url.removeprefix(session.server["base"])

    watcher = session.page("malmo/caseworker", url)
    state_purpose(watcher, "Planering av call-in")
    watcher.get_by_role("heading", name=re.compile("Folkets hus")).wait_for()
    assert watcher.get_by_role("button", name="Ställ in call-in").count() == 0

    page.get_by_role("button", name="Ställ in call-in").click()
    dialog = page.get_by_role("dialog", name="Ställ in call-in")
    dialog.get_by_role("button", name="Ställ in").click()
    dialog.get_by_text("must not be empty").wait_for()  # the reason is required, beside its field
    dialog.get_by_label(re.compile("^Anledning")).fill("Lokalen är inte tillgänglig; ny tid planeras")
    assert_accessible(page)
    dialog.get_by_role("button", name="Ställ in").click()
    page.get_by_test_id("cancellation").filter(has_text="Lokalen är inte tillgänglig").wait_for()
    page.get_by_text("Inställd", exact=True).first.wait_for()
    assert page.get_by_role("button", name="Ställ in call-in").count() == 0  # not a legal move any more
    assert page.get_by_role("button", name="Lägg till talare").count() == 0
    assert_accessible(page)
    screenshot(page, "call-in-cancelled")
    assert not page.errors, page.errors


def test_my_follow_ups_due_stand_out(session):
    page = session.page("malmo/coordinator", "/tasks")
    state_purpose(page, "Uppföljning av uppgifter")
    page.get_by_role("heading", name="Mina uppföljningar").wait_for()
    page.get_by_label("Bara mina (min organisation)").uncheck(force=True)
    summary = page.get_by_test_id("due-summary")
    expect(summary).to_have_text(re.compile(r"\d+ försenade · \d+ förfaller inom en vecka"))
    overdue = page.locator("tbody tr[data-due=overdue]")
    if overdue.count():
        expect(overdue.first.get_by_text("Försenad")).to_be_visible()
    assert_accessible(page)
    screenshot(page, "follow-ups")


TABLET = {"width": 768, "height": 1024}
SCREENS = [
    ("malmo/coordinator", "/", "Översikt"), ("malmo/coordinator", "/review", "Incidentgenomgång"),
    ("malmo/coordinator", "/incidents", "Incidenter"), ("malmo/coordinator", "/groups", "Grupper"),
    ("malmo/coordinator", "/network", "Nätverk mellan grupper"), ("malmo/coordinator", "/people", "Personer"),
    ("malmo/coordinator", "/call-ins", "Call-ins"), ("malmo/coordinator", "/notifications", "Custom notifications"),
    ("malmo/coordinator", "/enforcement", "Fokuserad avskräckning"), ("malmo/coordinator", "/support", "Stöd"),
    ("malmo/coordinator", "/outreach", "Uppsökande arbete"), ("malmo/coordinator", "/tasks", "Mina uppföljningar"),
    ("malmo/coordinator", "/admin", "Administration"), ("malmo/auditor", "/audit", "Granskningslogg"),
    ("malmo/outreach", "/outreach", "Uppsökande arbete"),
]


def no_sideways_scroll(page) -> None:
    page.wait_for_timeout(400)  # charts and tables settle
    wide = page.evaluate("""() => ({page: document.documentElement.scrollWidth, view: window.innerWidth,
        culprits: [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > window.innerWidth + 1
            && !e.closest('.mantine-ScrollArea-root, [class*=ScrollContainer], [data-scroll-inside]'))
            .slice(0, 5).map(e => e.tagName + '.' + (e.className && e.className.baseVal === undefined ? e.className : ''))})""")
    assert wide["page"] <= wide["view"], (page.url, wide)


def test_main_screens_at_tablet_width(session):
    pages: dict[str, object] = {}
    for user, path, heading in SCREENS:
        page = pages.get(user)
        if page is None:
            page = pages[user] = session.page(user, path, **TABLET)
        else:
            page.goto(session.server["base"] + path)
        ask = page.get_by_role("combobox", name=re.compile("^Syfte"))
        title = page.get_by_role("heading", level=2, name=re.compile("^" + re.escape(heading)))
        expect(ask.or_(title).first).to_be_visible()
        if ask.is_visible():
            state_purpose(page)
        title.first.wait_for()
        # the navigation is behind the burger at this width
        burger = page.get_by_role("button", name="Meny")
        expect(burger).to_be_visible()
        expect(page.get_by_role("navigation", name="Meny").first).not_to_be_in_viewport()
        no_sideways_scroll(page)
        name = "tablet-" + (path.strip("/").replace("/", "-") or "dashboard") + ("-" + user.split("/")[1] if user != "malmo/coordinator" else "")
        screenshot(page, name)
    page = pages["malmo/coordinator"]
    # the object pages too: an incident and a call-in
    for start, heading in (("/incidents", "Incidenter"), ("/call-ins", "Call-ins")):
        page.goto(session.server["base"] + start)
        page.get_by_role("heading", name=heading, exact=True).wait_for()
        page.locator("main tbody tr a, main a[href^='/call-ins/']").first.click()
        page.get_by_role("heading", level=2).first.wait_for()
        no_sideways_scroll(page)
        screenshot(page, "tablet-" + start.strip("/") + "-one")
    page.get_by_role("button", name="Meny").click()
    nav = page.get_by_role("navigation", name="Meny")
    expect(nav.get_by_role("link", name="Uppsökande").first).to_be_visible()
    page.wait_for_timeout(500)  # the menu slides in
    screenshot(page, "tablet-menu-open")
    nav.get_by_role("link", name="Uppsökande").first.click()
    page.get_by_role("heading", name="Uppsökande arbete").wait_for()
    expect(nav.first).not_to_be_in_viewport()  # choosing a screen closes the menu
    for page in pages.values():
        assert_accessible(page)
