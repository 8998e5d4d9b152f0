"""Signed-in downloads of national releases (``/api/national/releases/ID.csv|xlsx|json``).

The public pages serve only published releases; national coordinators and evaluators also need the
ones not (yet) published. The same tables as ``gvi national release export``, read through the national
role (never the runtime role: it has no privilege on a city table), for ``releases:read`` only, and every
download leaves one entry in the national action log.
"""

from __future__ import annotations

from typing import Annotated

from asgi_correlation_id import correlation_id
from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import Response
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from api.auth.dependencies import Requires
from api.db import Database
from domain.identity.permissions import Action, Category
from domain.identity.principal import Principal
from domain.national import export, releases
from domain.national.models import NationalAuditEntry
from tenants.database import transaction
from tenants.errors import NotFound

router = APIRouter(prefix="/api/national", tags=["national"])


async def record_action(sessions: async_sessionmaker[AsyncSession], principal: Principal, action: str,
                        obj: str | None = None, details: dict | None = None, request_id: str | None = None) -> None:
    """One entry in the national action log, in its own short transaction as the publisher role
    (the national role reads; only the publisher may append to the log)."""
    async with transaction(sessions) as session:
        session.add(NationalAuditEntry(actor_kind=principal.kind.value, actor=principal.name, action=action,
                                       object=obj, request_id=request_id, details=details))


@router.get("/releases/{name}")
async def download_release(request: Request, name: str,
                           principal: Annotated[Principal, Depends(Requires(Category.releases, Action.read))]) -> Response:
    """``ID.csv``, ``ID.xlsx`` or ``ID.json``: a release's tables (every month and year, national totals, flags)
    with its data dictionary."""
    stem, _, fmt = name.partition(".")
    try:
        release_id = int(stem)
    except ValueError:
        raise HTTPException(404, f"no release {stem!r}: a release id, then .csv, .xlsx or .json") from None
    if fmt not in export.FORMATS:
        raise HTTPException(404, f"no format {fmt!r}: csv, xlsx or json")
    database: Database = request.app.state.database
    national = database.national
    async with transaction(national.reader_sessions) as session:
        try:
            release = await releases.get(session, release_id)
        except NotFound:
            raise HTTPException(404, f"no release {release_id}") from None
        data = export.render(release, await releases.rows(session, release_id), fmt)
    await record_action(national.publisher_sessions, principal, "release.download", f"release:{release_id}",
                        {"format": fmt, "bytes": len(data)}, correlation_id.get())
    media, ext = export.FORMATS[fmt]
    return Response(data, media_type=media, headers={
        "Content-Disposition": f'attachment; filename="gvi-release-{release_id}.{ext}"',
        "Cache-Control": "no-store"})
