"""The city's accounts and API clients, for its coordinator (``administration``)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends
from sqlalchemy import select

from api.auth.dependencies import Requires
from api.db import SessionDep
from domain.identity import clients
from domain.identity.models import User
from domain.identity.permissions import Action, Category
from domain.identity.principal import Principal

router = APIRouter(prefix="/api", tags=["administration"])


@router.get("/users")
async def list_users(session: SessionDep,
                     principal: Annotated[Principal, Depends(Requires(Category.administration, Action.read))]) -> list[dict]:
    rows = await session.scalars(select(User).order_by(User.username))
    return [{"id": str(u.id), "username": u.username, "display_name": u.display_name, "role": u.role.value,
             "organisation_id": str(u.organisation_id), "status": u.status.value, "sso": u.oidc_subject is not None,
             "mfa_enrolled": u.totp_confirmed_at is not None} for u in rows]


@router.get("/clients")
async def list_clients(session: SessionDep,
                       principal: Annotated[Principal, Depends(Requires(Category.administration, Action.read))]) -> list[dict]:
    return [{"client_id": c.client_id, "name": c.name, "scopes": c.scopes, "revoked": c.revoked,
             "secret_version": c.secret_version} for c in await clients.list_all(session)]
