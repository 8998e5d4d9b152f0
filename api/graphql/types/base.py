"""What every domain node shares: built from a row by plain attributes, resolved by id through its loader.

A node type lists its column fields as plain attributes (no resolvers: graphql-core reads them
directly) and names ``_model`` (the table; its rows load through ``loaders.by_id``) and ``_category`` (the permission
needed to see it at all). Person-level types name ``_person`` (the attribute holding the person's
id) so that opening one is audited as a read of that person.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from typing import Any

import strawberry
from strawberry.types import Info

from api.graphql.types.ids import parse_uuids
from domain.identity.permissions import Category


def gql_enum(cls: type, description: str | None = None) -> Any:
    """The domain enum as a GraphQL enum of the same name (values are the stored, lower-case names)."""
    if getattr(cls, "_enum_definition", None) is not None:
        return cls
    return strawberry.enum(cls, name=cls.__name__, description=description)


def _plain_fields(cls: type) -> list[str]:
    cached = cls.__dict__.get("_plain_cache")
    if cached is None:
        definition = cls.__strawberry_definition__  # type: ignore[attr-defined]
        cached = [f.python_name for f in definition.fields
                  if f.base_resolver is None and f.python_name != "id" and f.python_name not in cls._computed]
        cls._plain_cache = cached
    return cached


class Loaded:
    """Mixin for node types backed by one table row."""

    _model: type = object  # the table the node is a row of (its loader is ``loaders.by_id(_model)``)
    _category: Category = Category.programme
    _person: str | None = None  # the attribute with the person's id, for person-level data
    _computed: tuple[str, ...] = ()  # plain fields set by ``extra`` rather than copied from the row
    _private: tuple[str, ...] = ()  # row attributes kept for relation resolvers (not in the schema)

    @property
    def pk(self) -> uuid.UUID:
        # Nodes built from a row carry its UUID; parsing the string id again costs on every relation.
        pk = self.__dict__.get("_pk")
        return pk if pk is not None else uuid.UUID(self.id)  # type: ignore[attr-defined]

    @classmethod
    def extra(cls, row: Any) -> dict[str, Any]:
        return {}

    @classmethod
    def from_row(cls, row: Any) -> Any:
        values = {name: getattr(row, name) for name in _plain_fields(cls)}
        values.update({name: getattr(row, name) for name in cls._private})
        values.update(cls.extra(row))
        node = cls(id=str(row.id), **values)
        node._pk = row.id if isinstance(row.id, uuid.UUID) else None
        return node

    @classmethod
    def from_rows(cls, rows: Iterable[Any]) -> list[Any]:
        return [cls.from_row(r) for r in rows]

    @classmethod
    async def resolve_nodes(cls, *, info: Info, node_ids: Iterable[str], required: bool = False) -> list[Any]:
        context = info.context
        await context.authorize(cls._category)
        ids = parse_uuids(node_ids)
        loader = context.loaders.by_id(cls._model)
        # The loader reads only rows the caller may see (``domain.access.readable``): a row of another
        # organisation, for own-organisation callers, is null like a missing one.
        rows = iter(await loader.load_many([i for i in ids if i is not None]))
        result = []
        for i in ids:
            row = next(rows) if i is not None else None
            result.append(cls.from_row(row) if row is not None else None)
        if cls._person:
            context.saw_people([getattr(n, cls._person) for n in result if n is not None], opened=True)
        return result

    @classmethod
    async def lookup(cls, info: Info, global_id: Any) -> Any:
        """A typed lookup (``person(id:)``): another type's id, like a missing one, is null."""
        if global_id.type_name != cls.__strawberry_definition__.name:  # type: ignore[attr-defined]
            return None
        return (await cls.resolve_nodes(info=info, node_ids=[global_id.node_id]))[0]
