"""Sign-in (password + TOTP), the city dashboard, language, session expiry — in Debian's Chromium."""

from __future__ import annotations

import re

from tests.web.conftest import assert_accessible, screenshot


def test_sign_in_page_is_accessible_and_swedish_by_default(session):
    context = session.browser.new_context(locale="sv-SE")
    page = context.new_page()
    page.goto(session.server["base"] + "/incidents?type=shooting")
    page.wait_for_url(re.compile(r"/sign-in\?next=%2Fincidents%3Ftype%3Dshooting"))
    assert page.locator("html").get_attribute("lang") == "sv"
    page.get_by_role("heading", name="Logga in").wait_for()
    assert_accessible(page)
    screenshot(page, "sign-in")
    context.close()


def test_coordinator_signs_in_with_totp_and_sees_the_pilot_figures(session):
    page = session.page("malmo/coordinator")
    page.get_by_role("heading", name=re.compile("Översikt – Malmö")).wait_for()
    # The source's table for 2017 – 11 November 2019: killed 7 + 12 + 5, explosions 58 + 45 + 29.
    page.locator("label", has_text=re.compile("^År$")).click()
    page.get_by_label("Från").fill("2017-01-01")
    page.keyboard.press("Tab")
    page.get_by_label("Till").fill("2019-11-11")
    page.keyboard.press("Tab")
    page.get_by_test_id("total-killed").filter(has_text="24").wait_for()
    page.get_by_test_id("total-explosions").filter(has_text="132").wait_for()
    page.get_by_test_id("total-injured").filter(has_text="62").wait_for()
    page.get_by_role("img", name="Skjutningar och sprängningar").wait_for()
    page.get_by_text("Modelltrohet").wait_for()
    assert_accessible(page)
    page.get_by_role("button", name="Allt").click()
    page.wait_for_timeout(500)
    screenshot(page, "dashboard")
    assert not page.errors, page.errors  # no CSP refusal, no script error


def test_language_switch_to_english_and_back(session):
    page = session.page("malmo/coordinator")
    page.get_by_text("English").click()
    page.get_by_role("heading", name=re.compile("Overview – Malmö")).wait_for()
    assert page.locator("html").get_attribute("lang") == "en"
    page.get_by_role("link", name="Overview").wait_for()
    page.get_by_text("Svenska").click()
    page.get_by_role("heading", name=re.compile("Översikt")).wait_for()


def test_expired_session_returns_to_sign_in_and_back_to_the_page(session):
    page = session.page("malmo/viewer", "/")
    page.get_by_role("heading", name=re.compile("Översikt")).wait_for()
    page.context.clear_cookies()  # the server forgets nobody; the browser lost its session
    page.get_by_role("button", name="Senaste 3 åren").click()
    page.wait_for_url(re.compile(r"/sign-in\?next=%2F"))
    page.get_by_text("Din session har gått ut").wait_for()
    session.sign_in(page, "malmo/viewer")
    page.get_by_role("heading", name=re.compile("Översikt")).wait_for()


def test_viewer_sees_only_the_screens_of_its_role(session):
    page = session.page("malmo/viewer", "/")
    page.get_by_role("heading", name=re.compile("Översikt")).wait_for()
    nav = page.get_by_role("navigation", name="Meny")
    assert nav.get_by_role("link").all_inner_texts() == ["Översikt"]


def test_sign_out_ends_the_session_on_the_server(session):
    # A context of its own: the signed-in states other tests reuse stay valid.
    context = session.browser.new_context(locale="sv-SE", timezone_id="Europe/Stockholm")
    try:
        page = context.new_page()
        page.goto(session.server["base"] + "/")
        page.wait_for_url(re.compile("/sign-in"))
        session.sign_in(page, "goteborg/viewer")
        page.get_by_role("heading", name=re.compile("Översikt")).wait_for()
        assert context.request.get(session.server["base"] + "/auth/me").status == 200
        signed_in = context.storage_state()
        page.get_by_role("button", name="Logga ut").click()
        page.wait_for_url(re.compile("/sign-in"))
        page.get_by_role("button", name="Logga in", exact=True).wait_for()
        assert context.request.get(session.server["base"] + "/auth/me").status == 401
        # the cookie from before signing out opens nothing any more: the server ended the session
        replay = session.browser.new_context(storage_state=signed_in)
        try:
            assert replay.request.get(session.server["base"] + "/auth/me").status == 401
        finally:
            replay.close()
        page.goto(session.server["base"] + "/")
        page.wait_for_url(re.compile("/sign-in"))
    finally:
        context.close()
