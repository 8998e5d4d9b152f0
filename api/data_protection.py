"""Data-protection endpoints: the auditor's search of the audit log and subject access (registerutdrag)."""

from __future__ import annotations

import uuid
from typing import Annotated

from asgi_correlation_id import correlation_id
from fastapi import APIRouter, Depends, Header, Query, Request
from fastapi.responses import JSONResponse, Response

from api.auth.dependencies import CurrentPrincipal, Requires
from api.db import SessionDep
from api.validation import CalendarDateTime
from domain.audit import service as audit
from domain.audit.models import AuditAction, AuditEntry
from domain.identity import permissions
from domain.identity.permissions import Action, Category
from domain.identity.principal import Principal
from domain.lifecycle import export
from domain.people import service as people
from tenants.errors import NotFound

router = APIRouter(prefix="/api", tags=["data protection"])


def _entry(e: AuditEntry) -> dict:
    fields = ("seq", "occurred_at", "actor_kind", "actor_id", "actor_name", "organisation_id", "action", "object_type",
              "object_id", "purpose", "request_id", "outcome", "agreement_id", "details", "prev_hash", "hash")
    return {f: export.plain(getattr(e, f)) for f in fields}


@router.get("/audit")
async def search_audit_log(
    session: SessionDep,
    principal: Annotated[Principal, Depends(Requires(Category.audit, Action.read))],
    person: uuid.UUID | None = Query(None, description="Entries about this person (opened, listed, exported)."),
    actor: uuid.UUID | None = Query(None, description="Entries by this user or API client."),
    since: CalendarDateTime | None = None,
    until: CalendarDateTime | None = None,
    action: AuditAction | None = None,
    before: int | None = Query(None, ge=1, le=2**63 - 1, description="Keyset cursor: the `next_before` of the previous page."),
    limit: int = Query(50, ge=1, le=500),
) -> dict:
    """The city's audit log, newest first (auditor only). The search is itself logged."""
    page = await audit.search(session, principal=principal, person_id=person, actor_id=actor, since=since, until=until,
                              action=action, before_seq=before, limit=limit, request_id=correlation_id.get())
    return {"entries": [_entry(e) for e in page.entries], "next_before": page.next_before}


@router.get("/audit/verify")
async def verify_audit_chain(
    request: Request, session: SessionDep,
    principal: Annotated[Principal, Depends(Requires(Category.audit, Action.read))],
) -> dict:
    """``gvi audit verify`` for the auditor's own city: its hash chain recomputed from the first entry."""
    from domain.audit.verify import verify_tenant
    from tenants import service as tenant_service

    tenant = await tenant_service.get(session, principal.tenant_id)
    report = await verify_tenant(request.app.state.database.sessions, tenant)
    return {"intact": report.broken is None, "entries": report.entries, "head_seq": report.head_seq,
            "head_hash": report.head_hash, "head_time": export.plain(report.head_time),
            "broken_at": report.broken.seq if report.broken else None,
            "reason": report.broken.reason if report.broken else None}


@router.get("/people/{person_id}/subject-access", response_model=None)
async def subject_access(
    request: Request,
    person_id: uuid.UUID,
    principal: CurrentPrincipal,
    purpose: Annotated[str | None, Header(alias="X-GVI-Purpose")] = None,
    format: str = Query("json", pattern="^(json|csv)$"),
) -> Response:
    """Everything held about one person (registerutdrag), as JSON or CSV. Audited as an export."""
    # Only a caller who may take the export learns whether the person exists: anyone else is refused
    # (and logged) by the export itself, whatever the id. Another city's person, like a missing one,
    # is simply not here (RLS).
    if permissions.can(principal, Category.subject_access, Action.read):
        async with request.app.state.database.sessions() as session:
            if not await people.exists(session, person_id):
                raise NotFound(f"person {person_id} not found")
    data = await export.subject_access(request.app.state.database.sessions, principal=principal, person_id=person_id,
                                       purpose=purpose or "", request_id=correlation_id.get())
    if format == "csv":
        return Response(export.to_csv(data), media_type="text/csv; charset=utf-8",
                        headers={"Content-Disposition": f'attachment; filename="subject-access-{person_id}.csv"'})
    return JSONResponse(data)
