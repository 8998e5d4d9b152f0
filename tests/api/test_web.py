"""Serving the web UI: client routes fall back to index.html, API prefixes never do; caching and CSP."""

from __future__ import annotations

import httpx
import pytest

from api import web
from api.app import create_app
from tenants.settings import Settings

INDEX = ('<!doctype html><html><head><meta name="csp-nonce" content="__CSP_NONCE__">'
         '<script type="module" src="/assets/index-abc123.js"></script></head><body><div id="root"></div></body></html>')


@pytest.fixture
async def ui(test_database, tmp_path, monkeypatch):
    (tmp_path / "assets").mkdir()
    (tmp_path / "index.html").write_text(INDEX)
    (tmp_path / "assets" / "index-abc123.js").write_text("console.log('app')")
    (tmp_path / "favicon.svg").write_text("<svg/>")
    monkeypatch.setattr(web, "DIST", tmp_path)
    app = create_app(Settings(env="test"), app_database_url=test_database.app_url)
    async with app.router.lifespan_context(app):
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://testserver") as c:
            yield c


@pytest.mark.parametrize("path", ["/", "/incidents", "/people/UGVyc29uOjE=", "/groups/x/members?tab=1", "/index.html"])
async def test_client_routes_get_the_page_revalidated_with_a_fresh_nonce(ui, path):
    first, second = await ui.get(path), await ui.get(path)
    assert first.status_code == 200 and first.headers["content-type"].startswith("text/html")
    assert first.headers["cache-control"] == "no-cache"
    csp = first.headers["content-security-policy"]
    assert "script-src 'self';" in csp and "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert "frame-ancestors 'none'" in csp and "object-src 'none'" in csp
    nonce = first.text.split('name="csp-nonce" content="')[1].split('"')[0]
    assert nonce != "__CSP_NONCE__" and f"'nonce-{nonce}'" in csp
    assert nonce not in second.text  # drawn per load, never reused
    assert first.headers["x-content-type-options"] == "nosniff" and first.headers["x-frame-options"] == "DENY"


@pytest.mark.parametrize("path", ["/graphql/nope", "/api/nope", "/api", "/auth/nope", "/oauth/nope", "/.well-known/nope",
                                  "/public/nope", "/healthz/x", "/auth/oidc/..%2F../login", "/api/..%2Fincidents"])
async def test_api_prefixes_never_fall_back_to_the_page(ui, path):
    r = await ui.get(path)
    assert r.status_code == 404
    assert r.headers["content-type"].startswith("application/problem+json")
    assert "<html" not in r.text


async def test_the_apis_still_answer_beside_the_ui(ui):
    assert (await ui.get("/healthz")).json() == {"status": "ok"}
    assert (await ui.get("/auth/me")).status_code == 401
    assert (await ui.get("/.well-known/jwks.json")).status_code == 200


async def test_hashed_assets_are_cached_for_a_year_other_files_for_an_hour(ui):
    asset = await ui.get("/assets/index-abc123.js")
    assert asset.status_code == 200 and asset.text == "console.log('app')"
    assert asset.headers["cache-control"] == "public, max-age=31536000, immutable"
    assert asset.headers["x-content-type-options"] == "nosniff" and asset.headers["x-frame-options"] == "DENY"
    icon = await ui.get("/favicon.svg")
    assert icon.headers["cache-control"] == "public, max-age=3600"


@pytest.mark.parametrize("path", ["/assets/missing-123.js", "/missing.css", "/assets/../../pyproject.toml",
                                  "/%2e%2e/%2e%2e/pyproject.toml"])
async def test_missing_files_and_escapes_are_404_not_the_page(ui, path):
    r = await ui.get(path)
    assert r.status_code == 404
    assert "[project]" not in r.text and "<html" not in r.text


async def test_only_reads_are_answered(ui):
    r = await ui.post("/incidents")
    assert r.status_code == 405


async def test_an_unbuilt_ui_says_how_to_build_it(test_database, tmp_path, monkeypatch):
    monkeypatch.setattr(web, "DIST", tmp_path / "missing")
    app = create_app(Settings(env="test"), app_database_url=test_database.app_url)
    async with app.router.lifespan_context(app):
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://testserver") as c:
            r = await c.get("/")
            assert r.status_code == 503 and "scripts/run" in r.text
            assert (await c.get("/healthz")).status_code == 200


async def test_routes_added_after_the_ui_still_answer_first(ui):
    app = ui._transport.app
    app.add_api_route("/late-route", lambda: {"late": True})
    assert (await ui.get("/late-route")).json() == {"late": True}
    assert (await ui.get("/late-route-not")).headers["content-type"].startswith("text/html")
