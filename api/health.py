"""Liveness and readiness probes for load balancers and orchestrators."""

from __future__ import annotations

import logging

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from api.errors import problem
from tenants.migrate import current_revision, head_revision

router = APIRouter(tags=["health"])
log = logging.getLogger(__name__)


@router.get("/healthz")
async def healthz() -> dict:
    """The process is alive (no dependency checked)."""
    return {"status": "ok"}


@router.get("/readyz")
async def readyz(request: Request) -> JSONResponse:
    """Ready when the database answers and its schema is at the migrations' head."""
    head = head_revision()
    try:
        async with request.app.state.database.engine.connect() as conn:
            current = await current_revision(conn)
    except Exception as exc:  # any failure to reach the database means "not ready"
        log.warning("readiness: database unreachable: %s", type(exc).__name__)
        return problem(503, "Service unavailable", "database unreachable")
    if current != head:
        return problem(503, "Service unavailable", f"database schema at {current}, code expects {head}: run `gvi migrate`")
    return JSONResponse({"status": "ready", "schema": current})
