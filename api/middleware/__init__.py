"""ASGI middleware every answer passes through, installed in one order by :func:`install`.

Outermost first: request id → observability (metrics, access log, traces; given by the caller, so
it sees the barrier's 503s and carries the request id) → security headers → input limits → fault
barrier → cancel on disconnect → the app. The
barrier sits *inside* the first two, so even an unexpected error's answer carries the request id
and the security headers, and it never lets an exception reach the server (which would close the
client's keep-alive connection).
"""

from __future__ import annotations

from collections.abc import Callable

from fastapi import FastAPI

from api.middleware.disconnect import CancelOnDisconnect
from api.middleware.faults import FaultBarrier
from api.middleware.input_limits import InputLimits
from api.middleware.request_id import install_request_id
from api.middleware.security_headers import HeaderPolicy, SecurityHeaders


def install(app: FastAPI, *, headers: HeaderPolicy | None = None,
            observe: Callable[[FastAPI], None] | None = None) -> HeaderPolicy:
    """Add the middleware (Starlette runs the last added outermost). Returns the header policy, so
    routes mounted later (the web UI) can register their own CSP with ``policy.route_csp``."""
    policy = headers or HeaderPolicy()
    app.add_middleware(CancelOnDisconnect)  # innermost: the request's own work stops when its client leaves
    app.add_middleware(FaultBarrier)
    app.add_middleware(InputLimits)
    app.add_middleware(SecurityHeaders, policy=policy)
    if observe is not None:
        observe(app)
    install_request_id(app)
    return policy
