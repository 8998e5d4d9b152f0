"""Liveness and readiness probes for load balancers and orchestrators."""

from __future__ import annotations

import logging

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from api.errors import problem
from tenants.migrate import current_revision, head_revision, schema_state

router = APIRouter(tags=["health"])
log = logging.getLogger(__name__)


@router.get("/healthz")
async def healthz() -> dict:
    """The process is alive (no dependency checked)."""
    return {"status": "ok"}


@router.get("/readyz")
async def readyz(request: Request) -> JSONResponse:
    """Ready when the database answers and its schema is not behind this code (at its head, or ahead)."""
    head = head_revision()
    try:
        async with request.app.state.database.engine.connect() as conn:
            current = await current_revision(conn)
    except Exception as exc:  # any failure to reach the database means "not ready"
        log.warning("readiness: database unreachable: %s", type(exc).__name__)
        return problem(503, "Service unavailable", "database unreachable")
    state = schema_state(current)
    if state == "behind":
        return problem(503, "Service unavailable", f"database schema at {current}, code expects {head}: run `gvi migrate`")
    # "ahead": a newer release has migrated (expand/contract) and this instance keeps serving until replaced.
    return JSONResponse({"status": "ready", "schema": current, "code": head, "schema_state": state})
