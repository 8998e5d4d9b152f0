"""The city's partner organisations (``programme``): the first data the API serves."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends
from pydantic import BaseModel
from sqlalchemy import select

from api.auth.dependencies import Requires
from api.db import SessionDep
from domain.identity.permissions import Action, Category
from domain.identity.principal import Principal
from domain.organisations.models import Organisation, OrganisationKind
from tenants.context import require_tenant_id
from tenants.errors import ValidationFailed

router = APIRouter(prefix="/api", tags=["programme"])


def _out(o: Organisation) -> dict:
    return {"id": str(o.id), "name": o.name, "kind": o.kind.value, "active": o.active}


@router.get("/organisations")
async def list_organisations(session: SessionDep,
                             principal: Annotated[Principal, Depends(Requires(Category.programme, Action.read))]) -> list[dict]:
    return [_out(o) for o in await session.scalars(select(Organisation).order_by(Organisation.name))]


class NewOrganisation(BaseModel):
    name: str
    kind: OrganisationKind


@router.post("/organisations", status_code=201)
async def create_organisation(body: NewOrganisation, session: SessionDep,
                              principal: Annotated[Principal, Depends(Requires(Category.programme, Action.write))]) -> dict:
    import uuid

    name = body.name.strip()
    if not name or len(name) > 200:
        raise ValidationFailed.single("name", "invalid_length", "must be 1–200 characters")
    if await session.scalar(select(Organisation).where(Organisation.name == name)) is not None:
        raise ValidationFailed.single("name", "already_exists", f"an organisation named {name!r} already exists")
    org = Organisation(id=uuid.uuid4(), tenant_id=require_tenant_id(), name=name, kind=body.kind)
    session.add(org)
    await session.flush()
    return _out(org)
