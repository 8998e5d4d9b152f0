"""What every mutation does, in one place: authorise, write through the domain service in a
savepoint (all or nothing), claim the idempotency key, leave one ``written`` audit entry, and answer
with a payload whose ``errors`` carry any refusal.

Refusals name the input path (``input.givenName``), never the service's snake_case argument.
"""

from __future__ import annotations

import contextlib
import dataclasses
import re
import uuid
from collections.abc import Awaitable, Callable
from typing import Any

import strawberry
from strawberry import relay
from strawberry.types import Info

from api.graphql.errors import UserError, user_errors
from domain.audit import service as audit
from domain.identity.permissions import Access, Action, Category, can, require
from tenants import idempotency
from tenants.errors import DomainError, NotFound, PermissionDenied

KEY_DOC = (" With `idempotencyKey`, a retry returns the first result instead of writing twice; the same key with a "
           "different input is refused (code idempotency_key_reused).")


def describe(text: str, category: Category) -> str:
    return (f"{text} Requires {category.value}:write; refused in the payload (code forbidden) otherwise. "
            f"Leaves one audit entry.{KEY_DOC}")


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(p.capitalize() for p in rest)


def input_errors(exc: DomainError, prefix: str = "input") -> list[UserError]:
    """Domain errors with their fields as input paths: ``organisation_ids[1]`` → ``input.organisationIds[1]``."""
    out = []
    for error in user_errors(exc):
        field = error.field
        if field and field != "idempotencyKey" and not field.startswith(prefix):
            field = prefix + "." + re.sub(r"^[a-z_]+", lambda m: _camel(m.group(0)), field)
        out.append(UserError(field=field, code=error.code, message=error.message))
    return out


def gid(value: str | None, type_name: str, field: str) -> uuid.UUID | None:
    """A global id of ``type_name`` → its UUID; anything else is refused as not found (naming ``field``)."""
    if value is None:
        return None
    try:
        parsed = relay.GlobalID.from_id(value)
        if parsed.type_name != type_name:
            raise ValueError(parsed.type_name)
        return uuid.UUID(parsed.node_id)
    except ValueError:
        raise NotFound.single(field, "not_found", f"not the id of a {type_name}") from None


def raw_id(value: str | None, field: str) -> uuid.UUID | None:
    if value is None:
        return None
    try:
        return uuid.UUID(str(value))
    except ValueError:
        raise NotFound.single(field, "not_found", "not an id") from None


def own_org(info: Info, level: Access, value: uuid.UUID | None, field: str) -> uuid.UUID | None:
    """Own-organisation writers act for their organisation only (an empty field means theirs)."""
    if level is not Access.own_org:
        return value
    mine = info.context.principal.organisation_id
    if mine is None or (value is not None and value != mine):
        raise PermissionDenied.single(field, "forbidden", "you may act only for your own organisation")
    return mine


def payload_type(name: str, field: str, node: Any, description: str = "") -> Any:
    """``<Name>Payload { <field>: Node, errors, replayed }``, shared by every mutation answering with that node."""
    namespace = {
        "__annotations__": {field: node | None, "errors": list[UserError], "replayed": bool},
        field: strawberry.field(description="The result; null when `errors` is not empty."),
        "errors": strawberry.field(description="Why the input was refused; empty on success."),
        "replayed": strawberry.field(default=False, description="True when this repeats an earlier request with the same idempotency key."),
    }
    cls = strawberry.type(type(name, (), namespace), description=description or None)
    cls._field = field
    cls._node = node
    return cls


def plain(input: Any) -> dict[str, Any]:
    """The input as JSON-able data (for the idempotency key's request hash)."""
    if input is None:
        return {}
    if isinstance(input, list):
        return {"items": [plain(i) for i in input]}
    return {k: (v.value if hasattr(v, "value") else v) for k, v in dataclasses.asdict(input).items()}


async def mutate(
    info: Info,
    payload: Any,
    *,
    category: Category,
    operation: str,
    input: Any,
    key: str | None,
    run: Callable[[Any, Access], Awaitable[Any]],
    load: Callable[[Any], Awaitable[Any]] | None = None,
) -> Any:
    """Run one write; ``run(session, access)`` calls the domain service and returns the row written.
    ``load(id)`` turns the row's id into the payload's node (default: the node type's loader)."""
    context = info.context
    node_type = payload._node
    try:
        if not can(context.principal, category, Action.write):
            try:
                await context.authorize(category, Action.write)  # the one ``denied`` entry
            except PermissionDenied:
                pass
            require(context.principal, category, Action.write)
        level = await context.authorize(category, Action.write)
        async with context.db() as session:

            async def write() -> dict[str, Any]:
                row = await run(session, level)
                await audit.written(session, principal=context.principal, object_type=operation, object_id=row.id,
                                    request_id=context.request_id, purpose=context.purpose)
                return {"id": str(row.id)}

            if key is None:
                async with session.begin_nested():
                    outcome = idempotency.Outcome(result=await write(), replayed=False)
            else:
                outcome = await idempotency.run_once(session, subject_id=context.principal.id, key=key,
                                                     operation=operation, payload=plain(input), write=write)
        context.reads.wrote = True
    except DomainError as exc:
        return payload(**{payload._field: None, "errors": input_errors(exc), "replayed": False})
    row_id = uuid.UUID(outcome.result["id"])
    if load is not None:
        node = await load(row_id)
    else:
        loader = getattr(context.loaders, node_type._loader)
        with contextlib.suppress(KeyError):
            loader.clear(row_id)  # an update: the cached row is stale
        row = await loader.load(row_id)
        node = node_type.from_row(row) if row is not None else None
    return payload(**{payload._field: node, "errors": [], "replayed": outcome.replayed})
