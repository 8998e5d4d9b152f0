"""Prometheus metrics of the web layer and the ``/metrics`` endpoint.

Every label value comes from a closed set: the route *template* (``/api/people/{person_id}``, never
the path), the HTTP method (unknown methods are ``other``), the status code, the GraphQL operation
type, and the GraphQL operation name — the one value a client chooses, so it must be a plain GraphQL
name of at most 64 characters and only the first :data:`MAX_OPERATION_NAMES` distinct names of a
process get their own series (later ones count as ``other``).

With ``--workers`` (several processes) set ``PROMETHEUS_MULTIPROC_DIR`` (``gvi serve`` does it): each
process writes its samples there and ``/metrics`` adds them up.
"""

from __future__ import annotations

import hmac
import os
import re
import threading

from fastapi import APIRouter, HTTPException, Request, Response
from prometheus_client import CONTENT_TYPE_LATEST, REGISTRY, CollectorRegistry, Counter, Gauge, Histogram, generate_latest, multiprocess
from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncEngine

MAX_OPERATION_NAMES = 200
_NAME = re.compile(r"[_A-Za-z][_0-9A-Za-z]{0,63}")
METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})
UNMATCHED = "unmatched"  # any path no route matched: never the path itself

# Seconds: most answers take milliseconds; ingestion batches and exports take seconds.
_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0)

HTTP_REQUESTS = Counter("gvi_http_requests_total", "HTTP requests answered.", ["method", "route", "status"])
HTTP_DURATION = Histogram("gvi_http_request_duration_seconds", "Time to answer an HTTP request.", ["method", "route"],
                          buckets=_BUCKETS)
HTTP_ERRORS = Counter("gvi_http_errors_total", "HTTP answers with a 4xx or 5xx status.", ["route", "status"])
HTTP_IN_FLIGHT = Gauge("gvi_http_requests_in_flight", "HTTP requests being answered.", multiprocess_mode="livesum")

GRAPHQL_OPERATIONS = Counter("gvi_graphql_operations_total", "GraphQL operations executed.",
                             ["operation", "type", "outcome"])
GRAPHQL_DURATION = Histogram("gvi_graphql_operation_duration_seconds", "Time to execute a GraphQL operation.",
                             ["operation", "type"], buckets=_BUCKETS)
GRAPHQL_ERRORS = Counter("gvi_graphql_errors_total", "GraphQL errors by their extensions.code.", ["code"])

DB_POOL_CHECKED_OUT = Gauge("gvi_db_pool_checked_out", "Pooled connections in use.", ["pool"], multiprocess_mode="livesum")
DB_POOL_CAPACITY = Gauge("gvi_db_pool_capacity", "Connections a pool may open (size + overflow).", ["pool"],
                         multiprocess_mode="livesum")
DB_CONNECTIONS_OPENED = Counter("gvi_db_connections_opened_total", "New connections to PostgreSQL.", ["pool"])

# Label: the fault's name from a closed set (api.middleware.faults.Fault).
DATABASE_FAULTS = Counter("gvi_database_faults_total", "Requests answered 503/504 because of a database fault.", ["fault"])

INGESTED_INCIDENTS = Counter("gvi_ingested_incidents_total", "Items of ingestIncidents by result.", ["result"])


class OperationNames:
    """The bounded set of GraphQL operation names that get their own series."""

    def __init__(self, limit: int = MAX_OPERATION_NAMES) -> None:
        self.limit = limit
        self._seen: set[str] = set()
        self._lock = threading.Lock()

    def label(self, name: str | None) -> str:
        if not name:
            return "anonymous"
        if not _NAME.fullmatch(name):
            return "other"
        with self._lock:
            if name in self._seen:
                return name
            if len(self._seen) < self.limit:
                self._seen.add(name)
                return name
        return "other"


OPERATION_NAMES = OperationNames()


def method_label(method: str) -> str:
    return method if method in METHODS else "other"


def route_label(scope: dict) -> str:
    """The matched route's full template (prefix included), or ``unmatched``.

    FastAPI keeps the route it selected, with the template under its router's prefix, in its part
    of the scope; ``scope["route"]`` alone holds the route without the prefix (``""`` for ``/graphql``).
    """
    selected = scope.get("fastapi", {}).get("effective_route_context")
    for candidate in (selected, scope.get("route")):
        path = getattr(candidate, "path_format", None)
        if isinstance(path, str) and path:
            return path
    return UNMATCHED


def instrument_pool(engine: AsyncEngine, pool: str, capacity: int) -> None:
    """Count checkouts/checkins of one engine's pool (events, so it works per process)."""
    DB_POOL_CAPACITY.labels(pool).set(capacity)
    checked_out = DB_POOL_CHECKED_OUT.labels(pool)
    opened = DB_CONNECTIONS_OPENED.labels(pool)
    sync = engine.sync_engine
    pool_ = sync.pool
    _POOLS[pool] = pool_
    # The pool's own count, not +1/-1 per event (an invalidated connection skips events); at
    # "checkin" the returning connection is still counted.
    event.listen(sync, "checkout", lambda *_: checked_out.set(pool_.checkedout()))
    event.listen(sync, "checkin", lambda *_: checked_out.set(max(0, pool_.checkedout() - 1)))
    event.listen(sync, "connect", lambda *_: opened.inc())


_POOLS: dict = {}  # this process's pools by label, read afresh at every scrape


def exposition() -> bytes:
    """The text exposition of this process, or of all worker processes in multi-process mode."""
    for label, pool_ in _POOLS.items():
        DB_POOL_CHECKED_OUT.labels(label).set(pool_.checkedout())
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
        return generate_latest(registry)
    return generate_latest(REGISTRY)


router = APIRouter(include_in_schema=False)


@router.get("/metrics")
async def metrics(request: Request) -> Response:
    """Prometheus scrape endpoint, only with ``Authorization: Bearer $GVI_METRICS_TOKEN``.

    Without a configured token the endpoint does not exist (404): metrics reveal traffic patterns
    of a city programme and are not for the public.
    """
    token = request.app.state.settings.metrics_token
    if not token:
        raise HTTPException(404, "metrics are disabled: set GVI_METRICS_TOKEN to enable /metrics")
    scheme, _, given = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(given.strip().encode(), token.encode()):
        raise HTTPException(401, "metrics need the bearer token configured in GVI_METRICS_TOKEN",
                            headers={"WWW-Authenticate": 'Bearer realm="metrics"'})
    return Response(exposition(), media_type=CONTENT_TYPE_LATEST)
