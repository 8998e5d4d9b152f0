"""One ASGI middleware for every request: metrics, one access-log line, one trace span.

The route label is read *after* the app answered, from the route Starlette matched (its template).
It runs inside the request-id middleware, so its log line and span carry the request id.
"""

from __future__ import annotations

import logging
import time

from asgi_correlation_id import correlation_id
from opentelemetry import context as otel_context
from opentelemetry.propagate import extract
from opentelemetry.trace import SpanKind, Status, StatusCode, Tracer, set_span_in_context
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.observability import metrics

access_log = logging.getLogger("gvi.access")


class Observability:
    def __init__(self, app: ASGIApp, tracer: Tracer | None = None) -> None:
        self.app = app
        self.tracer = tracer

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        method = metrics.method_label(scope["method"])
        status = 500  # what the server answers if the app raises before starting a response
        start = time.perf_counter()

        async def send_status(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        span = token = None
        if self.tracer is not None:
            carrier = {k.decode("latin-1"): v.decode("latin-1") for k, v in scope["headers"]
                       if k in (b"traceparent", b"tracestate")}
            span = self.tracer.start_span(f"{method} request", context=extract(carrier), kind=SpanKind.SERVER)
            token = otel_context.attach(set_span_in_context(span))
        metrics.HTTP_IN_FLIGHT.inc()
        try:
            await self.app(scope, receive, send_status)
        finally:
            metrics.HTTP_IN_FLIGHT.dec()
            elapsed = time.perf_counter() - start
            route = metrics.route_label(scope)
            metrics.HTTP_REQUESTS.labels(method, route, str(status)).inc()
            metrics.HTTP_DURATION.labels(method, route).observe(elapsed)
            if status >= 400:
                metrics.HTTP_ERRORS.labels(route, str(status)).inc()
            # No path, query string or client address: those can carry ids and searches.
            access_log.info("%s %s %s %.1f ms", method, route, status, elapsed * 1000,
                            extra={"method": method, "route": route, "status": status,
                                   "duration_ms": round(elapsed * 1000, 1)})
            if span is not None:
                span.update_name(f"{method} {route}")
                span.set_attribute("http.request.method", method)
                span.set_attribute("http.route", route)
                span.set_attribute("http.response.status_code", status)
                if request_id := correlation_id.get():
                    span.set_attribute("gvi.request_id", request_id)
                if status >= 500:
                    span.set_status(Status(StatusCode.ERROR))
                span.end()
                otel_context.detach(token)
