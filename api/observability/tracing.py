"""OpenTelemetry tracing, switched by configuration (``GVI_TRACING``).

``off`` (default): no tracer, no cost. ``otlp``: spans go to an OTLP/HTTP collector, configured by
the standard ``OTEL_EXPORTER_OTLP_*`` variables (endpoint, headers, certificate) and named by
``OTEL_SERVICE_NAME`` (default ``gvi``). ``console``: spans are printed (local debugging).

The platform makes its own spans (one per request, in :mod:`api.observability.middleware`) rather
than using an auto-instrumentation, so no span records a URL with its query string, a header or a
SQL parameter: only the method, the route template, the status and the request id.
"""

from __future__ import annotations

import os

from opentelemetry.sdk.resources import Resource
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import BatchSpanProcessor, ConsoleSpanExporter, SpanExporter

from tenants.settings import Settings


def provider(settings: Settings, exporter: SpanExporter | None = None) -> TracerProvider | None:
    """A tracer provider for this app, or ``None`` when tracing is off (``exporter`` is for tests)."""
    if exporter is None:
        if settings.tracing == "off":
            return None
        if settings.tracing == "otlp":
            from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter

            exporter = OTLPSpanExporter()
        else:
            exporter = ConsoleSpanExporter()
    resource = Resource.create({"service.name": os.environ.get("OTEL_SERVICE_NAME", "gvi")})
    tracer_provider = TracerProvider(resource=resource)
    tracer_provider.add_span_processor(BatchSpanProcessor(exporter))
    return tracer_provider
