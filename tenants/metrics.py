"""Counters the domain keeps for operators (Prometheus), without knowing about the web layer.

Label values come from closed sets only (enums of the domain), never from input: a metric label
with a person's name or an id in it would be personal data in the monitoring system, and an
unbounded label set would exhaust it. ``api.observability`` serves these at ``/metrics``.
"""

from __future__ import annotations

from prometheus_client import Counter

AUDIT_APPENDS = Counter(
    "gvi_audit_entries_total", "Entries appended to the cities' audit logs.", ["action", "outcome"]
)
RATE_LIMIT_REFUSALS = Counter(
    "gvi_rate_limit_refusals_total", "Requests refused with 429 because the subject's bucket was empty.", ["subject_kind"]
)
