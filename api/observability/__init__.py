"""What operators see of a running instance: Prometheus metrics, an access log, traces.

- :mod:`api.observability.metrics` — the HTTP, GraphQL and pool metrics and ``/metrics``;
  the domain's own counters live in ``tenants.metrics``;
- :mod:`api.observability.middleware` — one ASGI middleware that times every request, labels it by
  its route *template*, writes one access-log line and (when switched on) one trace span;
- :mod:`api.observability.tracing` — OpenTelemetry, off unless ``GVI_TRACING`` names an exporter.

No label, log field or span attribute carries a raw path, a query string, a header value or
anything a caller typed, except GraphQL operation names, which are capped (see ``metrics``).
"""

from __future__ import annotations

from fastapi import FastAPI

from api.observability import metrics, tracing
from api.observability.middleware import Observability
from tenants.settings import Settings


def install(app: FastAPI, settings: Settings) -> None:
    """Add the middleware and ``/metrics`` (call last: Starlette runs the last-added middleware outermost)."""
    app.state.tracer_provider = tracing.provider(settings)
    app.add_middleware(Observability, tracer=app.state.tracer_provider.get_tracer("gvi") if app.state.tracer_provider else None)
    app.include_router(metrics.router)
