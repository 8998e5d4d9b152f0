"""``createOrganisation``: the reference for every create mutation (payload errors, idempotency)."""

from __future__ import annotations

import uuid
from typing import Any

import strawberry
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession
from strawberry.types import Info

from api.graphql.errors import UserError, user_errors
from api.graphql.permissions import requirement
from api.graphql.types.organisation import OrganisationKindEnum, OrganisationNode
from domain.identity.permissions import Action, Category, require
from domain.organisations.models import Organisation, OrganisationKind
from tenants import idempotency
from tenants.context import require_tenant_id
from tenants.errors import Conflict, DomainError, ErrorCollector


@strawberry.input
class CreateOrganisationInput:
    name: str = strawberry.field(description="1–200 characters, unique within the city.")
    kind: OrganisationKindEnum  # type: ignore[valid-type]
    active: bool = True


@strawberry.type
class CreateOrganisationPayload:
    organisation: OrganisationNode | None = strawberry.field(description="The organisation; null when `errors` is not empty.")
    errors: list[UserError] = strawberry.field(description="Why the input was refused; empty on success.")
    replayed: bool = strawberry.field(
        default=False, description="True when this answer repeats an earlier request with the same idempotency key."
    )


async def create_organisation_record(session: AsyncSession, *, name: str, kind: OrganisationKind, active: bool) -> Organisation:
    """Validate and insert (stand-in for the organisation service of the domain package)."""
    errors = ErrorCollector()
    name = (name or "").strip()
    if not name:
        errors.add("input.name", "required", "must not be empty")
    elif len(name) > 200:
        errors.add("input.name", "too_long", "must be at most 200 characters")
    elif await session.scalar(select(Organisation.id).where(Organisation.name == name)) is not None:
        errors.add("input.name", "already_exists", f"an organisation named {name!r} already exists")
    errors.raise_if_any("Cannot create organisation")
    organisation = Organisation(tenant_id=require_tenant_id(), id=uuid.uuid4(), name=name, kind=kind, active=active)
    session.add(organisation)
    try:
        async with session.begin_nested():
            await session.flush()
    except IntegrityError as exc:  # a concurrent create took the name
        raise Conflict.single("input.name", "already_exists", f"an organisation named {name!r} already exists") from exc
    await session.refresh(organisation, ["created_at"])
    return organisation


@strawberry.type
class OrganisationMutations:
    @strawberry.mutation(
        description="Register a partner organisation. " + requirement(Category.programme, Action.write)
        + " With `idempotencyKey`, a retry returns the first result instead of creating a second organisation;"
        " the same key with a different input is refused (code idempotency_key_reused)."
    )
    async def create_organisation(
        self, info: Info, input: CreateOrganisationInput, idempotency_key: str | None = None
    ) -> CreateOrganisationPayload:
        context = info.context
        payload: dict[str, Any] = {"name": input.name, "kind": OrganisationKind(input.kind).value, "active": input.active}
        try:
            require(context.principal, Category.programme, Action.write)
            async with context.db() as session:

                async def write() -> dict[str, Any]:
                    organisation = await create_organisation_record(
                        session, name=input.name, kind=OrganisationKind(input.kind), active=input.active
                    )
                    return {"organisation_id": str(organisation.id)}

                if idempotency_key is None:
                    outcome = idempotency.Outcome(result=await write(), replayed=False)
                else:
                    outcome = await idempotency.run_once(
                        session, subject_id=context.principal.id, key=idempotency_key,
                        operation="createOrganisation", payload=payload, write=write,
                    )
        except DomainError as exc:
            return CreateOrganisationPayload(organisation=None, errors=user_errors(exc))
        row = await context.loaders.organisation_by_id.load(uuid.UUID(outcome.result["organisation_id"]))
        return CreateOrganisationPayload(
            organisation=OrganisationNode.from_row(row) if row else None, errors=[], replayed=outcome.replayed
        )
