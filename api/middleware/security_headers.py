"""Security headers on every answer (issue: login CSRF / clickjacking / sniffing hardening).

A :class:`HeaderPolicy` is a small object: the API's defaults, plus a CSP per path prefix for
routes that serve HTML (the API IDEs, the web UI). HSTS is only sent over TLS (the scheme uvicorn
reports, honouring ``X-Forwarded-Proto`` from a trusted proxy): over plain HTTP it would be ignored
at best and pin a development host at worst. A header the route set itself is never overwritten.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

# JSON answers need nothing from the browser: no scripts, no framing, no forms.
API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"


@dataclass
class HeaderPolicy:
    csp: str = API_CSP
    frame_options: str = "DENY"
    referrer_policy: str = "no-referrer"
    hsts: str = "max-age=31536000; includeSubDomains"
    # (path prefix, CSP): the longest matching prefix wins over ``csp``.
    route_csps: list[tuple[str, str]] = field(default_factory=list)

    def route_csp(self, prefix: str, csp: str) -> None:
        """Serve ``csp`` for every path under ``prefix`` (e.g. the web UI's built assets at ``/``)."""
        self.route_csps = [(p, c) for p, c in self.route_csps if p != prefix] + [(prefix, csp)]
        self.route_csps.sort(key=lambda pc: len(pc[0]), reverse=True)

    def csp_for(self, path: str) -> str:
        for prefix, csp in self.route_csps:
            if path == prefix or path.startswith(prefix.rstrip("/") + "/") or prefix == "/":
                return csp
        return self.csp

    def headers_for(self, path: str, *, tls: bool) -> dict[str, str]:
        headers = {
            "X-Content-Type-Options": "nosniff",
            "X-Frame-Options": self.frame_options,
            "Content-Security-Policy": self.csp_for(path),
            "Referrer-Policy": self.referrer_policy,
        }
        if tls and self.hsts:
            headers["Strict-Transport-Security"] = self.hsts
        return headers


class SecurityHeaders:
    def __init__(self, app: ASGIApp, policy: HeaderPolicy) -> None:
        self.app = app
        self.policy = policy

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        wanted = self.policy.headers_for(scope.get("path", "/"), tls=scope.get("scheme") == "https")

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in wanted.items():
                    if name not in headers:
                        headers[name] = value
            await send(message)

        await self.app(scope, receive, send_with_headers)
