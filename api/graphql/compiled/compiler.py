"""A validated read operation → one SQL statement that returns the JSON of ``data`` and the people it shows.

The compiler walks the operation's selection (fragments, aliases, variables) over the graphql-core
schema and asks the compile rules of each type (``rules``) for the SQL of a field. Rows come from the
domain's readable statements (``domain.access.readable``, the packages' ``reading`` modules) built
for a *symbolic* viewer: its organisation is a parameter, so one plan serves every caller with the
same access levels. Anything the rules do not know raises :class:`NotCompilable` and the operation
runs through the resolvers instead.

What a plan depends on, and therefore its cache key: the document and operation, the variables that
change its shape (an ordering, a period, whether ``after`` is given — recorded while compiling), and
the access level of every category the compiler consulted. Values that only fill the statement
(page sizes, cursors, ids, days) are parameters, read from each request's variables by ``Param``.
"""

from __future__ import annotations

import dataclasses
import enum
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from graphql import (
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLEnumType,
    GraphQLField,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLScalarType,
    GraphQLSchema,
    InlineFragmentNode,
    OperationDefinitionNode,
    VariableNode,
)
from graphql.execution.values import get_argument_values
from sqlalchemy import ARRAY, Text, Uuid, bindparam, cast, func, literal_column, select
from sqlalchemy.dialects import postgresql
from sqlalchemy.sql.elements import BindParameter, ColumnElement

from api.graphql.compiled.sql import iso_date, iso_datetime, json_object, lit
from domain.access.viewer import Viewer
from domain.identity.permissions import Access, Action, Category

MISSING = object()
_DIALECT = postgresql.asyncpg.dialect()  # type: ignore[attr-defined]
_UUID_ARRAY = ARRAY(Uuid())
_NO_IDS = literal_column("'{}'::uuid[]", _UUID_ARRAY)


class NotCompilable(Exception):
    """The operation (or a field of it) has no compile rule: the resolvers answer it."""


class Fallback(Exception):
    """This request's values need the resolvers (a refusal, a bad cursor or id, a page size over the limit)."""


class RecordingViewer(Viewer):
    """The viewer a plan is compiled for: notes every category it was asked about (the plan's signature)."""

    def __init__(self, real: Viewer, organisation: Any) -> None:
        principal = real.principal
        if principal.organisation_id is not None:
            principal = dataclasses.replace(principal, organisation_id=organisation)
        super().__init__(principal)
        object.__setattr__(self, "real", real)
        object.__setattr__(self, "consulted", set())

    def access(self, category: Category, action: Action = Action.read) -> Access:
        self.consulted.add((category, action))  # type: ignore[attr-defined]
        return self.real.access(category, action)  # type: ignore[attr-defined]


@dataclass
class Param:
    """A statement parameter filled per request: ``read(inputs)`` → the value (or raises ``Fallback``)."""

    name: str
    read: Callable[[Inputs], Any]


@dataclass
class Inputs:
    """One request's values: coerced variables, the viewer, the limits."""

    variables: dict[str, Any]
    viewer: Viewer
    limits: Any
    cache: dict[str, Any] = field(default_factory=dict)


@dataclass
class Plan:
    sql: str
    positions: list[str]  # parameter names in order ($1, $2, …)
    fixed: dict[str, Any]  # constants of the readable statements (enum values, flags)
    params: dict[str, Param]
    required: frozenset[Category]  # refused (or without purpose): the resolvers answer

    def arguments(self, inputs: Inputs) -> list[Any]:
        # every parameter is read, also one the statement lost (``false() AND id = $1`` renders ``false``):
        # reading it is where a bad value sends the request to the resolvers' refusal
        values = {name: param.read(inputs) for name, param in self.params.items()}
        out = []
        for name in self.positions:
            value = values[name] if name in values else self.fixed[name]
            out.append(value.name if isinstance(value, enum.Enum) else value)
        return out


@dataclass
class Shape:
    """What besides the document decides a plan: variables read while compiling and categories consulted."""

    variables: dict[str, Callable[[Any], Any]] = field(default_factory=dict)  # name → key of its raw value
    categories: frozenset[tuple[Category, Action]] = frozenset()


class Frame:
    """Person ids a level of the answer shows (arrays valid for the enclosing row), for the audit entry."""

    def __init__(self) -> None:
        self.listed: list[ColumnElement[Any]] = []
        self.opened: list[ColumnElement[Any]] = []


def _unwrap(gql_type: Any) -> Any:
    while isinstance(gql_type, GraphQLNonNull):
        gql_type = gql_type.of_type
    return gql_type


class Compiler:
    MAX_PAIRS = 50  # json_build_object takes at most 100 arguments

    def __init__(self, schema: GraphQLSchema, fragments: dict[str, FragmentDefinitionNode], viewer: Viewer,
                 variables: dict[str, Any], raw_variables: dict[str, Any], limits: Any, rules: Any) -> None:
        self.schema = schema
        self.fragments = fragments
        self.viewer = RecordingViewer(viewer, bindparam("viewer_organisation", type_=Uuid()))
        self.variables = variables  # coerced: what this compile decides shapes by
        self.raw_variables = raw_variables
        self.limits = limits
        self.rules = rules
        self.shape = Shape()
        self.params: dict[str, Param] = {}
        self.required: set[Category] = set()
        self.frames: list[Frame] = [Frame()]
        self._names = 0
        self._once: set[str] = set()
        self.timeline_subject: Any = None
        if viewer.principal.organisation_id is not None:
            self.params["viewer_organisation"] = Param("viewer_organisation", lambda i: i.viewer.organisation_id)

    # -- the walk ---------------------------------------------------------------------------------
    def operation(self, operation: OperationDefinitionNode) -> Plan:
        if operation.operation.value != "query" or operation.directives:
            raise NotCompilable("not a query")
        root = self.schema.query_type
        assert root is not None
        data = self.object(root, [operation], lambda *args: self.rules.root_field(self, *args))
        frame = self.frames[0]
        # ``data`` as text: the answer embeds it as written (json keeps its key order; never parsed in Python)
        statement = select(cast(data, Text).label("data"), _ids(frame.listed).label("listed"), _ids(frame.opened).label("opened"))
        compiled = statement.compile(dialect=_DIALECT)
        self.shape.categories = frozenset(self.viewer.consulted)  # type: ignore[attr-defined]
        positions = list(compiled.positiontup or [])
        fixed = {name: compiled.params[name] for name in positions if name not in self.params}
        return Plan(compiled.string, positions, fixed, dict(self.params), frozenset(self.required))

    def collect(self, parent: GraphQLObjectType, nodes: Iterable[Any]) -> dict[str, list[FieldNode]]:
        """Response key → its field nodes, in the order graphql-core answers them (fragments merged)."""
        fields: dict[str, list[FieldNode]] = {}

        def walk(selection_set: Any) -> None:
            for selection in selection_set.selections:
                if selection.directives:
                    raise NotCompilable("directives")
                if isinstance(selection, FieldNode):
                    key = selection.alias.value if selection.alias else selection.name.value
                    fields.setdefault(key, []).append(selection)
                elif isinstance(selection, InlineFragmentNode):
                    if selection.type_condition is not None and selection.type_condition.name.value != parent.name:
                        raise NotCompilable("fragment on another type")
                    walk(selection.selection_set)
                elif isinstance(selection, FragmentSpreadNode):
                    fragment = self.fragments[selection.name.value]
                    if fragment.type_condition.name.value != parent.name:
                        raise NotCompilable("fragment on another type")
                    walk(fragment.selection_set)

        for node in nodes:
            if node.selection_set is not None:
                walk(node.selection_set)
        return fields

    def object(self, gql_type: GraphQLObjectType, nodes: Iterable[Any],
               resolve: Callable[[str, GraphQLField, list[FieldNode]], ColumnElement[Any]]) -> ColumnElement[Any]:
        """``json_build_object`` of the selection on ``gql_type``; ``resolve`` answers each field."""
        pairs = []
        for key, field_nodes in self.collect(gql_type, nodes).items():
            name = field_nodes[0].name.value
            if name == "__typename":
                pairs.append((key, lit(gql_type.name)))
                continue
            if name not in gql_type.fields:
                raise NotCompilable(name)  # __schema, __type: introspection stays with graphql-core
            pairs.append((key, resolve(name, gql_type.fields[name], field_nodes)))
        if len(pairs) > self.MAX_PAIRS:
            raise NotCompilable("too many fields in one object")
        return json_object(pairs)

    def node(self, type_name: str, entity: Any, nodes: list[FieldNode]) -> ColumnElement[Any]:
        """A node of ``type_name`` backed by ``entity`` (a row of its table, possibly aliased)."""
        return self.rules.node(self, type_name, entity, nodes)

    # -- values -----------------------------------------------------------------------------------
    def scalar(self, gql_type: Any, column: Any) -> ColumnElement[Any]:
        """``column`` as Strawberry serialises a value of ``gql_type``."""
        named = _unwrap(gql_type)
        if isinstance(named, GraphQLList):
            item = _unwrap(named.of_type)
            if isinstance(item, GraphQLScalarType) and item.name in ("String", "Int"):
                return column  # an array column: json_build_object writes it as a JSON array
            raise NotCompilable(f"list of {item}")
        if isinstance(named, GraphQLEnumType):
            return column  # stored as the member's name, which is the GraphQL name
        if isinstance(named, GraphQLScalarType):
            if named.name == "DateTime":
                return iso_datetime(column)
            if named.name == "Date":
                return iso_date(column)
            if named.name in ("String", "Int", "Boolean"):
                return column
        raise NotCompilable(f"scalar {named}")

    def argument(self, definition: GraphQLField, node: FieldNode, name: str, *, shape: Callable[[Any], Any] | None = None
                 ) -> Any:
        """The argument's value for this compile; a variable in it becomes part of the plan's key
        (``shape`` maps the raw variable value to what the plan depends on; by default all of it)."""
        argument = next((a for a in node.arguments or () if a.name.value == name), None)
        if argument is not None:
            for variable in _variables_in(argument.value):
                self.shape.variables.setdefault(variable, shape or _whole)
        elif name not in definition.args:
            raise NotCompilable(name)
        return _plain(get_argument_values(definition, node, self.variables).get(name))

    def param(self, definition: GraphQLField, node: FieldNode, name: str, convert: Callable[[Any, Inputs], Any],
              type_: Any = None, *, key: str | None = None) -> BindParameter[Any]:
        """A statement parameter filled with ``convert(argument value, inputs)`` for each request."""
        self._names += 1
        bind_name = f"p{self._names}_{name}"
        cache_key = key or bind_name

        def read(inputs: Inputs) -> Any:
            if cache_key not in inputs.cache:
                value = _plain(get_argument_values(definition, node, inputs.variables).get(name))
                inputs.cache[cache_key] = convert(value, inputs)
            return inputs.cache[cache_key]

        self.params[bind_name] = Param(bind_name, read)
        return bindparam(bind_name, type_=type_, required=False)

    def derived(self, name: str, read: Callable[[Inputs], Any], type_: Any = None) -> BindParameter[Any]:
        """A parameter computed from other values of the request (a page size plus one, a cursor's parts)."""
        self._names += 1
        bind_name = f"p{self._names}_{name}"
        self.params[bind_name] = Param(bind_name, read)
        return bindparam(bind_name, type_=type_, required=False)

    def unique(self, name: str) -> str:
        """A name no other part of this statement uses (a CTE)."""
        self._names += 1
        return f"{name}_{self._names}"

    def derived_as(self, name: str, read: Callable[[Inputs], Any]) -> None:
        """A parameter a domain statement names itself (``:subject``, ``:start``…)."""
        if name in self.params:
            raise NotCompilable(f"parameter {name} twice")
        self.params[name] = Param(name, read)

    def alias(self, name: str, other: str) -> None:
        self.derived_as(name, lambda inputs: self.params[other].read(inputs))

    def once(self, what: str) -> bool:
        """True when ``what`` was already compiled into this plan (statements whose binds have fixed names)."""
        seen = what in self._once
        self._once.add(what)
        return seen

    def require(self, category: Category) -> None:
        """The field needs ``category`` (``Requires``): refused or without purpose, the resolvers answer."""
        self.viewer.access(category)
        self.required.add(category)

    # -- the audit entry --------------------------------------------------------------------------
    def saw(self, ids: ColumnElement[Any], *, opened: bool = False) -> None:
        """Person ids (a uuid[] for the current row) this level shows."""
        frame = self.frames[-1]
        (frame.opened if opened else frame.listed).append(ids)

    def rows(self, build: Callable[[], ColumnElement[Any]], lift: Callable[[ColumnElement[Any]], ColumnElement[Any]]
             ) -> ColumnElement[Any]:
        """Compile a list's item with ``build``; the ids its rows show are lifted to the enclosing level
        by ``lift`` (an array expression per row → one array for the enclosing row)."""
        self.frames.append(Frame())
        try:
            item = build()
        finally:
            frame = self.frames.pop()
        for ids in frame.listed:
            self.saw(lift(ids))
        for ids in frame.opened:
            self.saw(lift(ids), opened=True)
        return item


def _ids(arrays: list[ColumnElement[Any]]) -> ColumnElement[Any]:
    if not arrays:
        return _NO_IDS
    out = arrays[0]
    for more in arrays[1:]:
        out = func.array_cat(out, more)
    return out


def _whole(value: Any) -> Any:
    return value


def _variables_in(value: Any) -> list[str]:
    if isinstance(value, VariableNode):
        return [value.name.value]
    found = []
    for child in getattr(value, "values", None) or getattr(value, "fields", None) or ():
        found += _variables_in(getattr(child, "value", child))
    return found


def _plain(value: Any) -> Any:
    return value.value if isinstance(value, enum.Enum) else value


def present(value: Any) -> bool:
    """The key of an argument whose presence alone shapes the plan (``after``)."""
    return value is not None and value is not MISSING and value != ""
