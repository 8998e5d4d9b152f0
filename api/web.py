"""The web UI: the built single-page app (``frontend/dist``) at ``/``.

Client routes (``/incidents/…``) fall back to ``index.html`` so a reload or a shared link opens the
right screen; the API prefixes never do — an unknown ``/api/…`` is a 404 problem, not an HTML page.
Hashed assets are cached for a year; ``index.html`` is revalidated on every load so a deploy is
picked up at once. Every answer carries a Content-Security-Policy with no inline script; the only
inline content the app makes is the component library's ``<style>`` elements, allowed by a nonce
drawn per page load. The pages set their own CSP, which the app's header policy
(``api/middleware/security_headers.py``) keeps while adding the rest.
"""

from __future__ import annotations

import secrets
from pathlib import Path

from fastapi import FastAPI
from starlette.exceptions import HTTPException
from starlette.responses import HTMLResponse, Response
from starlette.staticfiles import StaticFiles
from starlette.types import Scope

DIST = Path(__file__).resolve().parent.parent / "frontend" / "dist"

# Paths the UI never answers: the APIs keep their own 404s (problem+json) for unknown routes.
RESERVED_PREFIXES = ("/graphql", "/api", "/auth", "/oauth", "/.well-known", "/public", "/docs", "/openapi.json",
                     "/healthz", "/readyz")

NONCE_PLACEHOLDER = "__CSP_NONCE__"


def content_security_policy(nonce: str | None = None) -> str:
    """The UI's policy: its own origin only, no inline script, inline styles only with the page's nonce."""
    style = f"'self' 'nonce-{nonce}'" if nonce else "'self'"
    return ("default-src 'self'; script-src 'self'; "
            f"style-src {style}; img-src 'self' data: blob:; font-src 'self'; connect-src 'self'; "
            "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'")


def is_reserved(path: str) -> bool:
    return any(path == p or path.startswith(p + "/") for p in RESERVED_PREFIXES)


class SinglePageApp(StaticFiles):
    """Static files of the build, with the SPA fallback and the cache and security headers."""

    def __init__(self, directory: Path) -> None:
        super().__init__(directory=directory, check_dir=False)
        self.index = directory / "index.html"

    async def check_config(self) -> None:
        """An unbuilt UI is not an error at start-up: the page says how to build it."""
        if self.index.parent.is_dir():
            await super().check_config()

    async def get_response(self, path: str, scope: Scope) -> Response:
        # Judged on the path as sent, before normalisation: /auth/x/../../y is an API path gone wrong, not a page.
        raw = scope.get("path", "/")
        if is_reserved(raw) or is_reserved("/" + path.lstrip("/")) or "/../" in raw + "/" or "\\" in raw:
            raise HTTPException(404, "Not Found")
        if scope["method"] not in ("GET", "HEAD"):
            raise HTTPException(405, "Method Not Allowed", headers={"Allow": "GET, HEAD"})
        if path in ("", ".", "index.html"):
            return self.page()
        try:
            response = await super().get_response(path, scope)
        except HTTPException as exc:
            # A path with a file extension is a missing asset (a 404, never HTML in its place).
            if exc.status_code != 404 or "." in path.rsplit("/", 1)[-1]:
                raise
            return self.page()
        # Vite names every built asset by its content hash: it never changes under the same name.
        immutable = path.startswith("assets/")
        response.headers["Cache-Control"] = "public, max-age=31536000, immutable" if immutable else "public, max-age=3600"
        response.headers["Content-Security-Policy"] = content_security_policy()
        return response

    def page(self) -> Response:
        """``index.html`` with a fresh style nonce, never cached without revalidation."""
        if not self.index.is_file():
            return HTMLResponse(NOT_BUILT, status_code=503, headers={"Cache-Control": "no-store"})
        nonce = secrets.token_urlsafe(18)
        html = self.index.read_text(encoding="utf-8").replace(NONCE_PLACEHOLDER, nonce)
        # The other security headers (nosniff, framing, referrer) come from the app's header policy.
        return HTMLResponse(html, headers={"Cache-Control": "no-cache", "Content-Security-Policy": content_security_policy(nonce)})


NOT_BUILT = ("<!doctype html><html lang=sv><meta charset=utf-8><title>GVI</title>"
             "<p>The web UI is not built: run <code>scripts/run</code> (or <code>npm ci && npm run build</code> "
             "in <code>frontend/</code>).</p></html>")


def mount(app: FastAPI, directory: Path | None = None) -> None:
    """Serve the UI for whatever no route matches: every API route, even one added later, comes first."""
    app.router.default = SinglePageApp(directory or DIST)
