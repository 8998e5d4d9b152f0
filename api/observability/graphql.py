"""GraphQL operation metrics, as a Strawberry extension (one per operation)."""

from __future__ import annotations

import time
from collections.abc import Iterator

from opentelemetry import trace
from strawberry.extensions import SchemaExtension

from api.graphql.errors import _code as error_code
from api.observability import metrics


class OperationMetrics(SchemaExtension):
    """Counts and times each executed operation by (bounded) name and type, and errors by code."""

    def on_operation(self) -> Iterator[None]:
        start = time.perf_counter()
        yield
        context = self.execution_context
        try:
            kind = context.operation_type.value
        except Exception:  # a document that did not parse has no operation type
            kind = "invalid"
        name = metrics.OPERATION_NAMES.label(context.operation_name) if kind != "invalid" else "invalid"
        result = context.result
        errors = getattr(result, "errors", None) or context.pre_execution_errors or []
        # The same code the caller sees (this hook runs before the error policy has added it).
        for code in {error_code(e) or "INTERNAL_SERVER_ERROR" for e in errors}:
            metrics.GRAPHQL_ERRORS.labels(code).inc()
        metrics.GRAPHQL_OPERATIONS.labels(name, kind, "error" if errors else "ok").inc()
        metrics.GRAPHQL_DURATION.labels(name, kind).observe(time.perf_counter() - start)
        span = trace.get_current_span()
        if span.is_recording():
            span.set_attribute("graphql.operation.name", name)
            span.set_attribute("graphql.operation.type", kind)

