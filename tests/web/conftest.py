"""Browser tests: Debian's Chromium (Playwright) against a real ``gvi serve`` with the demo cities.

The server runs as a subprocess on its own database (migrated, demo loaded once per session), so it
is exactly what ``scripts/run`` starts. Each demo user signs in once through the UI (password and
TOTP: a code cannot be used twice) and later tests reuse the browser state of that sign-in.
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.conftest import create_database, drop_database
from tenants import migrate
from tenants.settings import get_settings

ROOT = Path(__file__).resolve().parents[2]
FRONTEND = ROOT / "frontend"
# Where the tests save their screenshots: an untracked folder, so a test run leaves the work tree clean;
# GVI_SCREENSHOT_DIR=docs/screenshots refreshes the README's pictures on purpose.
SCREENSHOTS = Path(os.environ.get("GVI_SCREENSHOT_DIR") or ROOT / "tests" / "web" / "screenshots")
CHROMIUM = "/usr/bin/chromium"
AXE = FRONTEND / "node_modules" / "axe-core" / "axe.min.js"
NATIONAL_CITIES = 24  # synthetic municipalities beside the demo cities (scripts/run loads all 290)
PASSWORD = "demo-only-not-a-secret"  # the demo accounts' shared password (development only)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _env(database_url: str, app_url: str) -> dict[str, str]:
    keep = {"GVI_MASTER_KEY", "GVI_DATA_DIR"}
    env = {k: v for k, v in os.environ.items() if not k.startswith("GVI_") or k in keep}
    env.update({"GVI_DATABASE_URL": database_url, "GVI_APP_DATABASE_URL": app_url, "GVI_ENV": "development"})
    return env


@pytest.fixture(scope="session")
def web_server(test_server) -> Iterator[dict]:
    # Synchronous on purpose: Playwright's sync API holds the thread's event loop while a browser is open.
    if not (FRONTEND / "dist" / "index.html").is_file():
        pytest.fail("the web UI is not built: scripts/test builds it (frontend, npm run build)")
    name = f"gvi_web_{uuid.uuid4().hex[:8]}"
    asyncio.run(create_database(test_server, name))
    owner_url = test_server.url_for(name, test_server.owner_role)
    app_url = test_server.url_for(name, get_settings().app_role)
    asyncio.run(migrate.upgrade(owner_url))
    env = _env(owner_url, app_url)
    # As scripts/run loads it, with a smaller national panel: enough cities with programme starts for the
    # national screens' estimates, and a first published release.
    load = subprocess.run([sys.executable, "-m", "api.cli", "demo", "load", "--national", "--cities", str(NATIONAL_CITIES),
                           "--months", "120"], env=env, capture_output=True, text=True, timeout=900)
    assert load.returncode == 0, load.stdout + load.stderr
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    env["GVI_PUBLIC_URL"] = base
    proc = subprocess.Popen([sys.executable, "-m", "api.cli", "serve", "--port", str(port)], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 180  # a bound, not a timing target: a loaded CI machine starts slowly
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"{base}/readyz", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            time.sleep(0.3)
        else:
            pytest.fail("gvi serve did not become ready")
        yield {"base": base, "env": env}
    finally:
        proc.terminate()
        proc.wait(timeout=20)
        asyncio.run(drop_database(test_server, name))


def totp_code(web_server: dict, user: str) -> str:
    out = subprocess.run([sys.executable, "-m", "api.cli", "user", "totp-code", user], env=web_server["env"],
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    return out.stdout.strip()


@pytest.fixture(scope="module")
def browser(web_server):
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail("Debian's chromium is missing: `apt-get install -y chromium` (scripts/test does it as root)")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield b
        b.close()


class Session:
    """Signed-in browser states, one per demo user (each signs in through the UI once)."""

    def __init__(self, browser, server: dict, states: dict) -> None:
        self.browser, self.server, self.states = browser, server, states
        self.pages: list = []

    def sign_in(self, page, user: str, *, expect_next: str | None = None) -> None:
        city, _, username = user.rpartition("/")
        page.get_by_label("Stad").fill(city)
        page.get_by_label(re.compile("^Användarnamn")).fill(username)
        page.get_by_label(re.compile("^Lösenord")).fill(PASSWORD)
        page.get_by_role("button", name="Logga in", exact=True).click()
        if username != "viewer":
            page.get_by_text("Engångskod").wait_for()
            # A code is accepted once: wait for the next one when this user's last code was just used.
            code = totp_code(self.server, user)
            while code == self.states.get(("code", user)):
                time.sleep(1)
                code = totp_code(self.server, user)
            self.states[("code", user)] = code
            page.keyboard.type(code)
        page.wait_for_url(re.compile(r"^(?!.*sign-in).*$"))

    def page(self, user: str, path: str = "/", *, width: int = 1366, height: int = 900):
        state = self.states.get(user)
        context = self.browser.new_context(viewport={"width": width, "height": height}, storage_state=state,
                                           locale="sv-SE", timezone_id="Europe/Stockholm")
        page = context.new_page()
        self.pages.append(page)
        page.set_default_timeout(15_000)
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" and "401" not in m.text else None)
        page.errors = errors  # type: ignore[attr-defined]
        page.goto(self.server["base"] + path)
        if state is None:
            page.wait_for_url(re.compile("/sign-in"))
            self.sign_in(page, user)
            self.states[user] = context.storage_state()
        return page


@pytest.fixture(scope="session")
def signed_in_states() -> dict:
    return {}


@pytest.fixture(scope="module")
def session(browser, web_server, signed_in_states) -> Session:
    return Session(browser, web_server, signed_in_states)


FAILURES = ROOT / "tests" / "web" / "failures"


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """A failed browser test leaves a screenshot of each page it opened (tests/web/failures/, not committed)."""
    report = yield
    session = item.funcargs.get("session") if hasattr(item, "funcargs") else None
    if report.when == "call" and report.failed and isinstance(session, Session):
        FAILURES.mkdir(exist_ok=True)
        for n, page in enumerate(session.pages):
            try:
                page.screenshot(path=str(FAILURES / f"{item.name}-{n}.png"), full_page=True)
            except Exception:  # a closed page has nothing to show
                pass
    if report.when == "teardown" and isinstance(session, Session):
        session.pages.clear()
    return report


def axe_violations(page) -> list[dict]:
    """Serious and critical WCAG 2.1 A/AA violations on the page as it is (axe-core, injected from npm)."""
    # Evaluated through the DevTools protocol: the page's CSP (no inline script) stays in force.
    if not page.evaluate("typeof axe !== 'undefined'"):
        page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate("""async () => {
        const r = await axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}});
        return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                                       nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}));
    }""")
    return [v for v in result if v["impact"] in ("serious", "critical")]


def assert_accessible(page) -> None:
    bad = axe_violations(page)
    assert not bad, json.dumps(bad, indent=1, ensure_ascii=False)


def screenshot(page, name: str) -> None:
    folder = SCREENSHOTS if SCREENSHOTS.is_absolute() else ROOT / SCREENSHOTS
    folder.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(folder / f"{name}.png"), full_page=True)


def state_purpose(page, purpose: str = "Veckovis incidentgenomgång") -> None:
    """Answer the purpose question that guards person data (sent as X-GVI-Purpose, audited)."""
    field = page.get_by_role("combobox", name=re.compile("^Syfte"))
    field.fill(purpose)
    field.press("Escape")  # close the suggestions over the button
    page.get_by_role("button", name="Fortsätt").click()


def pick(page, label: str, text: str, option: str | None = None) -> str:
    """Choose an option of a searchable select by typing part of it; answers the option's text."""
    field = page.get_by_role("combobox", name=re.compile(f"^{re.escape(label)}"))
    field.click()
    field.fill(text)
    options = field.page  # the dropdown lives in a portal at the end of the document
    chosen = options.locator("[data-combobox-option]:visible").filter(has_text=re.compile(option or re.escape(text))).first
    name = chosen.inner_text()
    chosen.click()
    return name
