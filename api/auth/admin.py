"""The city's accounts and API clients, for its coordinator (``administration``): GraphQL's ``users`` and
``apiClients`` lists (``domain.identity.reading``), every page of them."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends

from api.auth.dependencies import Requires
from api.db import SessionDep
from domain.access.paging import fetch_every
from domain.access.viewer import Viewer
from domain.identity import reading as identity
from domain.identity.permissions import Action, Category
from domain.identity.principal import Principal

router = APIRouter(prefix="/api", tags=["administration"])


@router.get("/users")
async def list_users(session: SessionDep,
                     principal: Annotated[Principal, Depends(Requires(Category.administration, Action.read))]) -> list[dict]:
    viewer = Viewer(principal)
    rows = await fetch_every(lambda page: identity.list_users(session, viewer, None, "username", page))
    return [{"id": str(u.id), "username": u.username, "display_name": u.display_name, "role": u.role.value,
             "organisation_id": str(u.organisation_id), "status": u.status.value, "sso": u.oidc_subject is not None,
             "mfa_enrolled": u.totp_confirmed_at is not None} for u in rows]


@router.get("/clients")
async def list_clients(session: SessionDep,
                       principal: Annotated[Principal, Depends(Requires(Category.administration, Action.read))]) -> list[dict]:
    viewer = Viewer(principal)
    rows = await fetch_every(lambda page: identity.list_api_clients(session, viewer, "created_at", page))
    return [{"client_id": c.client_id, "name": c.name, "scopes": c.scopes, "revoked": c.revoked,
             "secret_version": c.secret_version} for c in rows]
