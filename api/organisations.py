"""The city's partner organisations (``programme``) over REST: the same domain service, refusals and
audit entry as GraphQL's ``organisations`` and ``createOrganisation``."""

from __future__ import annotations

from typing import Annotated

from asgi_correlation_id import correlation_id
from fastapi import APIRouter, Depends
from pydantic import BaseModel

from api.auth.dependencies import Requires
from api.db import SessionDep
from domain.access.paging import fetch_every
from domain.access.viewer import Viewer
from domain.audit import service as audit
from domain.identity.permissions import Action, Category
from domain.identity.principal import Principal
from domain.organisations import reading
from domain.organisations import service as organisations
from domain.organisations.models import Organisation, OrganisationKind

router = APIRouter(prefix="/api", tags=["programme"])


def _out(o: Organisation) -> dict:
    return {"id": str(o.id), "name": o.name, "kind": o.kind.value, "active": o.active}


@router.get("/organisations")
async def list_organisations(session: SessionDep,
                             principal: Annotated[Principal, Depends(Requires(Category.programme, Action.read))]) -> list[dict]:
    """Every organisation by name: GraphQL's ``organisations`` list, all pages of it."""
    viewer = Viewer(principal)
    rows = await fetch_every(lambda page: reading.list_organisations(session, viewer, None, "name", page))
    return [_out(o) for o in rows]


class NewOrganisation(BaseModel):
    name: str
    kind: OrganisationKind
    active: bool = True


@router.post("/organisations", status_code=201)
async def create_organisation(body: NewOrganisation, session: SessionDep,
                              principal: Annotated[Principal, Depends(Requires(Category.programme, Action.write))]) -> dict:
    """Register a partner organisation: 422 for a bad name, 409 when the name is taken; one audit entry."""
    org = await organisations.create(session, name=body.name, kind=body.kind, active=body.active)
    # the same entry as GraphQL's createOrganisation, committed with the row (the request's transaction)
    await audit.written(session, principal=principal, object_type="createOrganisation", object_id=org.id,
                        request_id=correlation_id.get())
    return _out(org)
