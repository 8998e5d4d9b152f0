"""The coordinator's administration in the browser: a user and an API client whose secrets are shown once,
a sharing agreement in the register; roles without administration see no admin menu."""

from __future__ import annotations

import re
import uuid

from playwright.sync_api import expect

from tests.web.conftest import assert_accessible, pick, screenshot


def test_coordinator_creates_a_user_and_an_api_client_and_records_an_agreement(session):
    page = session.page("malmo/coordinator", "/admin")
    page.get_by_role("heading", name="Administration").wait_for()
    suffix = uuid.uuid4().hex[:6]

    # a user: the initial password is shown once, beside a copy button
    page.get_by_label(re.compile("^Användarnamn")).fill(f"handl-{suffix}")
    page.get_by_label(re.compile("^Namn")).fill("Hanna Handläggare")
    page.get_by_label("Roll", exact=True).select_option("caseworker")
    pick(page, "Organisation", "socialtjänsten")
    page.get_by_role("button", name="Skapa användare").click()
    secret = page.get_by_test_id("initial-password-value")
    secret.wait_for()
    assert len(secret.inner_text()) >= 16
    page.get_by_test_id("initial-password").get_by_role("button", name="Kopiera").wait_for()
    assert_accessible(page)
    page.get_by_role("button", name="Jag har sparat den").click()
    page.get_by_role("cell", name=f"handl-{suffix}", exact=True).wait_for()
    assert page.get_by_test_id("initial-password").count() == 0

    # roles and status: the new user becomes a viewer, then is disabled; a coordinator cannot demote themself
    role = page.get_by_label(f"Roll för handl-{suffix}")
    role.select_option("viewer")
    expect(role).to_have_value("viewer")  # a controlled select: shows the server's answer, not the click
    page.get_by_role("button", name=f"Spärra handl-{suffix}").click()
    page.get_by_role("button", name=f"Aktivera handl-{suffix}").wait_for()
    page.get_by_role("row").filter(has=page.get_by_role("cell", name=f"handl-{suffix}", exact=True)).get_by_text("Spärrad").wait_for()
    page.get_by_label("Roll för coordinator", exact=True).select_option("viewer")
    page.get_by_role("alert").filter(has_text="your own account").wait_for()
    expect(page.get_by_label("Roll för coordinator", exact=True)).to_have_value("coordinator")

    # the server's field error beside the field, what was typed kept
    page.get_by_label(re.compile("^Användarnamn")).fill("Inte Giltigt")
    page.get_by_label(re.compile("^Namn")).fill("Namn kvar")
    page.get_by_role("button", name="Skapa användare").click()
    page.get_by_text(re.compile("must be 2–100 characters")).wait_for()
    assert page.get_by_label(re.compile("^Namn")).input_value() == "Namn kvar"

    # an API client: its secret once, never again after dismissing it
    page.get_by_role("tab", name="API-klienter").click()
    page.get_by_label(re.compile("^System")).fill(f"Polisen ärendesystem {suffix}")
    page.get_by_role("checkbox", name="incidents:write").check()
    page.get_by_role("checkbox", name="incidents:read").check()
    page.get_by_role("button", name="Skapa API-klient").click()
    client_secret = page.get_by_test_id("client-secret-value")
    client_secret.wait_for()
    value = client_secret.inner_text()
    assert len(value) >= 32
    screenshot(page, "admin-api-client")
    page.get_by_role("button", name="Jag har sparat den").click()
    page.get_by_role("cell", name=f"Polisen ärendesystem {suffix}", exact=True).wait_for()
    assert value not in page.content()

    # a sharing agreement in the register
    page.get_by_role("tab", name="Delningsavtal").click()
    page.get_by_label(re.compile("^Diarienummer")).fill(f"KS 2026/{suffix}")
    page.get_by_label(re.compile("^Rubrik")).fill("Samverkan Sluta skjut")
    pick(page, "Part 1", "socialtjänsten")
    pick(page, "Part 2", "Kriminalvården")
    signatories = page.get_by_label("Undertecknat av", exact=True)
    signatories.nth(0).fill("Eva Ek")
    signatories.nth(1).fill("Per Lund")
    for i in range(2):
        page.get_by_label("Undertecknat", exact=True).nth(i).fill("2026-01-10")
        page.keyboard.press("Tab")
    page.get_by_label(re.compile("^Rättslig grund")).fill("GDPR art. 6.1 e")
    page.get_by_label(re.compile("^Sekretessbrytande")).fill("OSL 26 kap. 9 §")
    page.get_by_role("button", name="Registrera avtal").click()
    page.get_by_test_id("agreement-row").filter(has_text=f"KS 2026/{suffix}").wait_for()
    assert_accessible(page)
    screenshot(page, "admin-agreements")
    assert not page.errors, page.errors


def test_analyst_sees_no_admin_menu(session):
    page = session.page("malmo/analyst", "/")
    page.get_by_role("heading", name=re.compile("Översikt")).wait_for()
    nav = page.get_by_role("navigation", name="Meny").get_by_role("link").all_inner_texts()
    assert "Administration" not in nav, nav
    page.goto(session.server["base"] + "/admin")
    page.get_by_text("Din roll har inte tillgång till den här sidan.").wait_for()
    assert_accessible(page)


def test_coordinator_moves_a_subject_request_and_connects_single_sign_on(session):
    page = session.page("malmo/coordinator", "/admin")
    page.get_by_role("heading", name="Administration").wait_for()

    page.get_by_role("tab", name="Begäranden från registrerade").click()
    page.get_by_label("Begäran", exact=True).select_option("rectification")
    pick(page, "Handläggs av", "socialtjänsten")
    page.get_by_role("button", name="Registrera begäran").click()
    row = page.get_by_test_id("request-row").filter(has_text="Rättelse")
    row.filter(has_text="Mottagen").wait_for()
    row.get_by_role("button", name="Påbörja").click()
    row.filter(has_text="Pågår").wait_for()
    row.get_by_role("button", name="Slutför").click()
    form = page.get_by_role("form", name="Slutför")
    form.get_by_role("button", name="Slutför").click()
    form.get_by_text("must not be empty").wait_for()  # the server's refusal beside the outcome field
    form.get_by_label(re.compile("^Utfall")).fill("Uppgiften rättad i personakten")
    form.get_by_role("button", name="Slutför").click()
    row.wait_for(state="detached")  # only open requests are listed
    page.get_by_label("Bara öppna begäranden").uncheck()
    page.get_by_test_id("request-row").filter(has_text="Uppgiften rättad i personakten").filter(has_text="Slutförd").wait_for()
    assert_accessible(page)

    page.get_by_role("tab", name="Inloggning (SSO)").click()
    page.get_by_label(re.compile("^Utfärdare")).fill("ftp://inte-giltig")
    page.get_by_role("button", name="Spara").click()
    page.get_by_text("must be an https URL").wait_for()
    page.get_by_label(re.compile("^Utfärdare")).fill("https://login.malmo.example/realms/gvi")
    page.get_by_label(re.compile("^Client ID")).fill("gvi-plattformen")
    page.get_by_label(re.compile("^Klienthemlighet")).fill("leverantorens-hemlighet")
    pick(page, "Användarnas organisation", "GVI-samordning")
    page.get_by_label(re.compile("^Anspråksvärde")).fill("gvi-handlaggare")
    page.get_by_role("button", name="Spara").click()
    page.get_by_text(re.compile(r"/auth/oidc/malmo/callback")).wait_for()
    assert page.get_by_label(re.compile("^Klienthemlighet")).input_value() == ""  # write-only
    assert "leverantorens-hemlighet" not in page.content()
    assert_accessible(page)
    screenshot(page, "admin-sso")
    assert not page.errors, page.errors


def test_coordinator_records_and_pauses_the_national_statistics_agreement(session):
    page = session.page("malmo/coordinator", "/admin")
    page.get_by_role("heading", name="Administration").wait_for()
    page.get_by_role("tab", name="Nationell statistik").click()
    current = page.get_by_test_id("national-sharing")
    current.get_by_text("Gäller", exact=True).wait_for()  # every demo city shares
    suffix = uuid.uuid4().hex[:6]
    signed_on = page.get_by_label(re.compile(r"^Undertecknat(\s\*)?$"))

    # a signing date in the future: the server's field error beside the field, what was typed kept
    page.get_by_label(re.compile("^Diarienummer")).fill(f"KS 2026/{suffix}")
    page.get_by_label(re.compile("^Undertecknat för staden av")).fill("Kommunstyrelsens ordförande")
    signed_on.fill("2099-01-01")
    page.keyboard.press("Tab")
    page.get_by_role("button", name="Registrera avtal om nationell statistik").click()
    page.get_by_text("an agreement cannot be signed in the future").wait_for()
    assert page.get_by_label(re.compile("^Diarienummer")).input_value() == f"KS 2026/{suffix}"

    # two measures only
    signed_on.fill("2024-01-15")
    page.keyboard.press("Tab")
    page.get_by_label("Alla nationella mått").uncheck()
    page.get_by_role("checkbox", name="Döda", exact=True).check()
    page.get_by_role("checkbox", name="Skadade", exact=True).check()
    page.get_by_role("button", name="Registrera avtal om nationell statistik").click()
    current.get_by_role("heading", name=f"KS 2026/{suffix}").wait_for()
    current.get_by_text("Döda, Skadade", exact=True).wait_for()
    current.get_by_text("Gäller", exact=True).wait_for()
    assert_accessible(page)

    # paused after a confirmation: no new months shared
    current.get_by_role("button", name="Pausa delningen").click()
    current.get_by_role("button", name="Pausa delningen").click()
    current.get_by_text("Pausat", exact=True).wait_for()
    current.get_by_text(re.compile("^Pausat av")).wait_for()
    assert current.get_by_role("button", name="Pausa delningen").count() == 0

    # a new agreement for every measure: the city shares again (and stays as the demo had it)
    page.get_by_label(re.compile("^Diarienummer")).fill(f"KS 2026/{suffix}-2")
    page.get_by_label(re.compile("^Undertecknat för staden av")).fill("Kommunstyrelsens ordförande")
    signed_on.fill("2024-02-01")
    page.keyboard.press("Tab")
    page.get_by_label("Alla nationella mått").check()
    page.get_by_role("button", name="Registrera avtal om nationell statistik").click()
    current.get_by_role("heading", name=f"KS 2026/{suffix}-2").wait_for()
    current.get_by_text("Gäller", exact=True).wait_for()
    current.get_by_text("Alla nationella mått", exact=True).wait_for()
    assert_accessible(page)
    screenshot(page, "admin-national-sharing")
    assert not page.errors, page.errors
