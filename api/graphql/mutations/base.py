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
from domain.access.writes import require_readable
from domain.identity.permissions import Access, Action, Category, can, require
from domain.people.models import Person
from tenants import idempotency
from tenants.errors import DomainError, NotFound, PermissionDenied

KEY_DOC = (" With `idempotencyKey`, a retry returns the first result instead of writing twice; the same key with a "
           "different input is refused (code idempotency_key_reused).")


def describe(text: str, category: Category) -> str:
    return (f"{text} Requires {category.value}:write; refused in the payload (code forbidden) otherwise. "
            f"Leaves one audit entry for the write (and a read entry when the answer carries person data). "
            f"Ids of people in the input must be of people the caller may see.{KEY_DOC}")


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(p.capitalize() for p in rest)


def input_errors(exc: DomainError, prefix: str = "input") -> list[UserError]:
    """Domain errors with their fields as input paths: ``parties[1].organisation_id`` → ``input.parties[1].organisationId``."""
    out = []
    for error in user_errors(exc):
        field = error.field
        if field and field != "idempotencyKey" and not field.startswith(prefix):
            field = prefix + "." + re.sub(r"(?:^|(?<=\.))[a-z_]+", lambda m: _camel(m.group(0)), field)
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


def _person_references(input: Any, path: str = "input") -> list[tuple[str, uuid.UUID]]:
    """Every global id of a Person in ``input`` (fields named ``…_id``/``…_ids``, nested inputs too)."""
    found: list[tuple[str, uuid.UUID]] = []
    if input is None or not dataclasses.is_dataclass(input):
        return found
    for name, value in vars(input).items():
        where = f"{path}.{_camel(name)}"
        if dataclasses.is_dataclass(value):
            found += _person_references(value, where)
        elif name.endswith(("_id", "_ids")):
            values = value if isinstance(value, list) else [value]
            for i, item in enumerate(values):
                if not isinstance(item, str):
                    continue
                try:
                    parsed = relay.GlobalID.from_id(item)
                    if parsed.type_name == "Person":
                        found.append((f"{where}[{i}]" if isinstance(value, list) else where, uuid.UUID(parsed.node_id)))
                except ValueError:
                    continue  # not a global id: the service refuses it with its own message
    return found


async def check_person_references(session: Any, info: Info, input: Any) -> None:
    """Refuse (as not found) any person in the input the caller may not already see (issue: writing a link
    to a person made that person visible to the writer's organisation)."""
    items = input if isinstance(input, list) else [input]
    for index, item in enumerate(items):
        prefix = f"input[{index}]" if isinstance(input, list) else "input"
        for field, person_id in _person_references(item, prefix):
            await require_readable(session, info.context.viewer, Person, person_id, field)


def _selected(info: Info, field: str) -> bool:
    """Whether the operation selected ``field`` of this mutation's payload (fragments included)."""
    name = _camel(field)
    stack = list(info.selected_fields)
    while stack:
        selection = stack.pop()
        for child in getattr(selection, "selections", None) or ():
            if getattr(child, "name", None) == name:
                return True
            if getattr(child, "name", None) is None:  # a fragment: look inside
                stack.append(child)
    return False


def plain(input: Any) -> dict[str, Any]:
    """The input as JSON-able data (for the idempotency key's request hash)."""
    if input is None:
        return {}
    if isinstance(input, list):
        return {"items": [plain(i) for i in input]}
    return {k: (v.value if hasattr(v, "value") else v) for k, v in dataclasses.asdict(input).items()}


@dataclasses.dataclass(frozen=True)
class Record:
    """What one write produced: its JSON result (kept for idempotent replays) and its audit entry."""

    result: dict[str, Any]
    object_id: uuid.UUID | None
    details: dict[str, Any] | None = None


async def write_once(
    info: Info, *, category: Category, operation: str, input: Any, key: str | None,
    run: Callable[[Any, Access], Awaitable[Record]],
) -> idempotency.Outcome:
    """The one write path of every mutation: authorise (one ``denied`` entry when refused), check the people
    the input names, write in a savepoint (or once per idempotency key), note the ``written`` entry.
    Refusals raise ``DomainError`` (the caller answers them in its payload)."""
    context = info.context
    if not can(context.principal, category, Action.write):
        try:
            await context.authorize(category, Action.write)  # the one ``denied`` entry
        except PermissionDenied:
            pass
        require(context.principal, category, Action.write)
    level = await context.authorize(category, Action.write)
    async with context.db() as session:
        await check_person_references(session, info, input)
        records: list[Record] = []

        async def write() -> dict[str, Any]:
            record = await run(session, level)
            records.append(record)
            return record.result

        if key is None:
            async with session.begin_nested():
                outcome = idempotency.Outcome(result=await write(), replayed=False)
        else:
            outcome = await idempotency.run_once(session, subject_id=context.principal.id, key=key,
                                                 operation=operation, payload=plain(input), write=write)
    for record in records:  # a replay wrote nothing, so it records nothing
        context.wrote(object_type=operation, object_id=record.object_id, details=record.details)
    return outcome


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

    async def one_row(session: Any, level: Access) -> Record:
        row = await run(session, level)
        return Record({"id": str(row.id)}, row.id)

    try:
        outcome = await write_once(info, category=category, operation=operation, input=input, key=key, run=one_row)
    except DomainError as exc:
        return payload(**{payload._field: None, "errors": input_errors(exc), "replayed": False})
    row_id = uuid.UUID(outcome.result["id"])
    if load is not None:
        node = await load(row_id)
    else:
        loader = context.loaders.by_id(node_type._model)
        with contextlib.suppress(KeyError):
            loader.clear(row_id)  # an update: the cached row is stale
        row = await loader.load(row_id)
        node = node_type.from_row(row) if row is not None else None
    person_attribute = getattr(node_type, "_person", None)
    if node is not None and person_attribute and _selected(info, payload._field):
        # the answer carries person data: a read, audited at the end of the operation like any other
        context.saw_people([getattr(node, person_attribute)], opened=True)
    return payload(**{payload._field: node, "errors": [], "replayed": outcome.replayed})
