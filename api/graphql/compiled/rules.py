"""The compile rules: per root field and per node type, the SQL of each field the compiler knows.

A node type backed by a row (``types.base.Loaded``) compiles its plain fields from its table's
columns by itself; what it computes (``displayName``) and its relations are named here, next to the
resolver they mirror — same rows (the readable statements and the loaders' joins), same order, same
requirement (``Requires``/``guarded_load`` → ``compiler.require``) and the same person ids noted for
the audit entry. A field that is not here is not compiled: the resolvers answer the operation.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date
from typing import Any

from graphql import FieldNode, GraphQLField
from sqlalchemy import (
    BigInteger,
    Date,
    DateTime,
    Integer,
    Text,
    Uuid,
    and_,
    bindparam,
    cast,
    column,
    extract,
    func,
    select,
    tuple_,
)
from sqlalchemy.dialects.postgresql import aggregate_order_by, array
from sqlalchemy.orm import aliased
from sqlalchemy.sql.elements import ColumnElement
from strawberry import relay
from strawberry.utils.str_converters import to_camel_case

from api.graphql.compiled.compiler import Compiler, Fallback, Inputs, NotCompilable, present
from api.graphql.compiled.sql import EMPTY_ARRAY, base64url, base64url_unpadded, concat, global_id, iso_date, iso_datetime, lit
from api.graphql.errors import GraphQLRefusal
from api.graphql.limits import check_page_size
from api.graphql.pagination import decode_cursor
from api.graphql.types.base import _plain_fields
from api.graphql.types.groups import GroupNode
from api.graphql.types.incidents import IncidentNode
from api.graphql.types.people import PersonNode
from domain.access.paging import BadKey, Ordering
from domain.access.readable import readable, visible
from domain.figures import service as figures
from domain.groups.models import Group
from domain.identity.permissions import Category
from domain.incidents import reading as incident_reading
from domain.incidents.models import IncidentGroup, IncidentPerson
from domain.people.models import Person
from domain.rules import today
from domain.timeline import service as timelines
from tenants.errors import ValidationFailed

Resolve = Callable[[Compiler, Any, GraphQLField, list[FieldNode]], ColumnElement[Any]]

# -- nodes ---------------------------------------------------------------------------------------


class NodeRule:
    def __init__(self, node: type, computed: dict[str, Callable[[Any], ColumnElement[Any]]] | None = None,
                 relations: dict[str, Resolve] | None = None) -> None:
        self.node = node
        self.type_name = node.__strawberry_definition__.name  # type: ignore[attr-defined]
        self.model = node._model  # type: ignore[attr-defined]
        self.plain = {to_camel_case(name): name for name in _plain_fields(node)}
        self.computed = computed or {}
        self.relations = relations or {}


NODES: dict[str, NodeRule] = {}


def node_rule(node: type, **kwargs: Any) -> None:
    rule = NodeRule(node, **kwargs)
    NODES[rule.type_name] = rule


def node(compiler: Compiler, type_name: str, entity: Any, nodes: list[FieldNode]) -> ColumnElement[Any]:
    rule = NODES.get(type_name)
    if rule is None:
        raise NotCompilable(type_name)
    gql_type = compiler.schema.type_map[type_name]

    def resolve(name: str, definition: GraphQLField, field_nodes: list[FieldNode]) -> ColumnElement[Any]:
        if name == "id":
            return global_id(type_name, entity.id)
        if name in rule.computed:
            return rule.computed[name](entity)
        if name in rule.relations:
            return rule.relations[name](compiler, entity, definition, field_nodes)
        python = rule.plain.get(name)
        if python is None:
            raise NotCompilable(f"{type_name}.{name}")
        return compiler.scalar(definition.type, getattr(entity, python))

    return compiler.object(gql_type, nodes, resolve)  # type: ignore[arg-type]


def _only(statement: Any, *columns: Any) -> Any:
    """``statement`` (its FROM and WHERE) selecting ``columns`` instead."""
    return statement.with_only_columns(*columns, maintain_column_froms=True)


def _lift_over(statement: Any) -> Callable[[ColumnElement[Any]], ColumnElement[Any]]:
    """Person ids noted per row of ``statement`` → one array for the row enclosing it."""
    return lambda ids: func.array(_only(statement, func.unnest(ids)).scalar_subquery())


def _agg(item: ColumnElement[Any], *order: Any) -> ColumnElement[Any]:
    return func.coalesce(func.json_agg(aggregate_order_by(item, *order)), EMPTY_ARRAY)


# -- connections ---------------------------------------------------------------------------------


def _first(compiler: Compiler, definition: GraphQLField, field: FieldNode) -> tuple[Any, Any]:
    """The page size (checked as the resolver checks it) and the page size plus one, as parameters."""
    def checked(value: Any, inputs: Inputs) -> int:
        try:
            return check_page_size(value, inputs.limits)
        except GraphQLRefusal:
            raise Fallback("page size") from None

    first = compiler.param(definition, field, "first", checked, Integer(), key=f"first:{id(field)}")
    plus_one = compiler.derived("limit", lambda i: compiler.params[first.key].read(i) + 1, Integer())
    return first, plus_one


def _cursor_value(column: Any) -> ColumnElement[Any]:
    python = column.type.python_type
    if python is date:
        return iso_date(column)
    if python.__name__ == "datetime":
        return iso_datetime(column)
    raise NotCompilable("cursor over a column that is not a day or a time")  # JSON escaping of text keys


def _cursor(ordering: Ordering, entity: Any) -> ColumnElement[Any]:
    """``encode_cursor(ordering.key(row))``: base64url of ``["name","sort","id"]``, unpadded."""
    sort = _cursor_value(getattr(entity, ordering.column.key))
    return base64url_unpadded(concat(lit(f'["{ordering.name}","'), sort, lit('","'),
                                     func.cast(getattr(entity, ordering.id_column.key), Text), lit('"]')))


def connection(compiler: Compiler, definition: GraphQLField, fields: list[FieldNode], statement: Any,
               ordering: Ordering, type_name: str, people_of: Callable[[Any], ColumnElement[Any]] | None = None
               ) -> ColumnElement[Any]:
    """A Relay connection over ``statement`` (a select of the node's entity), paged by ``ordering``."""
    field = fields[0]
    model = ordering.column.class_
    first, plus_one = _first(compiler, definition, field)
    after_given = present(compiler.argument(definition, field, "after", shape=present))
    after_raw = compiler.param(definition, field, "after", lambda v, i: v, Text(), key=f"after:{id(field)}")
    sort, ident = ordering.column, ordering.id_column
    filtered = statement
    if after_given:
        def key(inputs: Inputs) -> tuple[Any, Any]:
            cache = f"after-key:{id(field)}"
            if cache not in inputs.cache:
                try:
                    inputs.cache[cache] = ordering.parse(decode_cursor(compiler.params[after_raw.key].read(inputs)))
                except (BadKey, GraphQLRefusal):
                    raise Fallback("cursor") from None
            return inputs.cache[cache]

        after_sort = compiler.derived("after_sort", lambda i: key(i)[0], sort.type)
        after_id = compiler.derived("after_id", lambda i: key(i)[1], ident.type)
        keyset = tuple_(sort, ident)
        filtered = filtered.where(keyset < tuple_(after_sort, after_id) if ordering.descending
                                  else keyset > tuple_(after_sort, after_id))
    order = (sort.desc(), ident.desc()) if ordering.descending else (sort.asc(), ident.asc())
    page = (filtered.add_columns(func.row_number().over(order_by=order).label("page_position"))
            .order_by(*order).limit(plus_one).cte(compiler.unique("page")))  # read by several parts: once
    row = aliased(model, page)
    position = page.c.page_position
    on_page = and_(position <= first)
    gql_type = compiler.schema.type_map[f"{type_name}Connection"]
    edge_type = compiler.schema.type_map[f"{type_name}Edge"]
    info_type = compiler.schema.type_map["PageInfo"]

    def lift(ids: ColumnElement[Any]) -> ColumnElement[Any]:
        return func.array(select(func.unnest(ids)).select_from(page).where(on_page).scalar_subquery())

    def edge_field(name: str, edge_definition: GraphQLField, edge_fields: list[FieldNode]) -> ColumnElement[Any]:
        if name == "node":
            if people_of is not None:
                compiler.saw(people_of(row))
            return compiler.node(type_name, row, edge_fields)
        if name == "cursor":
            return _cursor(ordering, row)
        raise NotCompilable(name)

    def page_info(name: str, _definition: GraphQLField, _fields: list[FieldNode]) -> ColumnElement[Any]:
        if name == "hasNextPage":
            return and_(first > 0, select(func.count()).select_from(page).scalar_subquery() > first)
        if name == "endCursor":
            last = select(_cursor(ordering, row)).where(on_page).order_by(position.desc()).limit(1).scalar_subquery()
            return func.coalesce(last, after_raw)
        raise NotCompilable(name)

    def resolve(name: str, connection_definition: GraphQLField, connection_fields: list[FieldNode]) -> ColumnElement[Any]:
        if name == "edges":
            item = compiler.rows(lambda: compiler.object(edge_type, connection_fields, edge_field), lift)
            return select(_agg(item, position)).select_from(page).where(on_page).scalar_subquery()
        if name == "pageInfo":
            return compiler.object(info_type, connection_fields, page_info)
        if name == "totalCount":
            return select(func.count()).select_from(statement.order_by(None).subquery()).scalar_subquery()
        raise NotCompilable(name)

    return compiler.object(gql_type, fields, resolve)


# -- root fields ---------------------------------------------------------------------------------


def _incidents(compiler: Compiler, definition: GraphQLField, fields: list[FieldNode]) -> ColumnElement[Any]:
    compiler.require(Category.incidents)
    field = fields[0]
    if compiler.argument(definition, field, "filter", shape=lambda v: v is None) is not None:
        raise NotCompilable("filtered incidents")  # filters stay with the resolvers for now
    order = compiler.argument(definition, field, "order")
    statement = incident_reading.incidents(compiler.viewer)
    return connection(compiler, definition, fields, statement, incident_reading.INCIDENT_ORDERS[order], "Incident")


def _lookup_id(type_name: str) -> Callable[[Any, Inputs], uuid.UUID]:
    """A global id as the typed lookups read it: another type's, or a malformed raw part, finds nothing."""
    nothing = uuid.UUID(int=0)

    def convert(value: Any, _inputs: Inputs) -> uuid.UUID:
        try:
            parsed = relay.GlobalID.from_id(value)
        except Exception:  # the resolvers report a malformed id
            raise Fallback("global id") from None
        if parsed.type_name != type_name:
            return nothing
        try:
            return uuid.UUID(parsed.node_id)
        except ValueError:
            return nothing

    return convert


def _person(compiler: Compiler, definition: GraphQLField, fields: list[FieldNode]) -> ColumnElement[Any]:
    """``person(id:)``: the person if the caller may see them (else null); opening one is a read of them."""
    compiler.require(Category.people)
    person_id = compiler.param(definition, fields[0], "id", _lookup_id("Person"), Person.id.type)
    found = readable(Person, compiler.viewer).where(Person.id == person_id)
    compiler.timeline_subject = person_id  # the timeline's :subject is this parameter (only directly under it)
    try:
        item = compiler.rows(lambda: compiler.node("Person", Person, fields), _lift_over(found))
    finally:
        compiler.timeline_subject = None
    compiler.saw(func.array(_only(found, Person.id).scalar_subquery()), opened=True)
    return _only(found, item).scalar_subquery()


def _period_label(period: str, column: Any) -> ColumnElement[Any]:
    """``figures.period_label`` in SQL."""
    year = func.to_char(column, lit("FMYYYY"))
    if period == "year":
        return year
    if period == "quarter":
        return concat(year, lit("-Q"), cast(cast(extract("quarter", column), Integer), Text))
    return concat(year, lit("-"), func.to_char(column, lit("MM")))


def _city_figures(compiler: Compiler, definition: GraphQLField, fields: list[FieldNode]) -> ColumnElement[Any]:
    """``cityFigures``: the domain's one figures statement as rows of the answer."""
    compiler.require(Category.figures)
    field = fields[0]
    if compiler.once("cityFigures"):
        raise NotCompilable("two cityFigures")  # the statement's binds are named once per statement
    period = compiler.argument(definition, field, "period")
    if compiler.argument(definition, field, "from", shape=lambda v: v is None) is None:
        raise NotCompilable("figures from the first record")  # one more statement: the resolvers
    start = compiler.param(definition, field, "from", lambda v, i: v)
    end = compiler.param(definition, field, "to", lambda v, i: v)

    def bounds(inputs: Inputs) -> tuple[date, date]:
        if "figures" not in inputs.cache:
            first, last = compiler.params[start.key].read(inputs), compiler.params[end.key].read(inputs) or today()
            try:
                figures.check_range(period, first, last)
            except ValidationFailed:
                raise Fallback("figures range") from None
            inputs.cache["figures"] = (first, last)
        return inputs.cache["figures"]

    compiler.derived_as("unit", lambda i: period)
    compiler.derived_as("step", lambda i: figures.step(period))
    compiler.derived_as("start", lambda i: bounds(i)[0])
    compiler.derived_as("end", lambda i: bounds(i)[1])
    rows = figures.ROWS.bindparams(bindparam("unit", type_=Text()), bindparam("step", type_=Text()),
                                   bindparam("start", type_=Date()), bindparam("end", type_=Date())).subquery("figures")
    row_type = compiler.schema.type_map["CityFiguresRow"]
    measures = {to_camel_case(m): m for m in figures.MEASURES}

    def resolve(name: str, _definition: GraphQLField, _fields: list[FieldNode]) -> ColumnElement[Any]:
        if name == "period":
            return _period_label(period, rows.c.period)
        if name == "startsOn":
            return iso_date(rows.c.period)
        if name in measures:
            return cast(rows.c[measures[name]], BigInteger)
        raise NotCompilable(name)

    item = compiler.object(row_type, fields, resolve)
    return select(_agg(item, rows.c.period)).select_from(rows).scalar_subquery()


ROOTS: dict[str, Callable[[Compiler, GraphQLField, list[FieldNode]], ColumnElement[Any]]] = {}


def root_field(compiler: Compiler, name: str, definition: GraphQLField, fields: list[FieldNode]) -> ColumnElement[Any]:
    build = ROOTS.get(name)
    if build is None:
        raise NotCompilable(name)
    return build(compiler, definition, fields)


# -- relations -----------------------------------------------------------------------------------


def _incident_groups(compiler: Compiler, incident: Any, definition: GraphQLField, fields: list[FieldNode]
                     ) -> ColumnElement[Any]:
    """``Incident.groups``: each linked group once (its first link in the loader's order: name, role, id)."""
    compiler.require(Category.groups)
    earlier = aliased(IncidentGroup)
    first_link = ~select(earlier.id).where(
        earlier.incident_id == IncidentGroup.incident_id, earlier.group_id == IncidentGroup.group_id,
        visible(IncidentGroup, compiler.viewer),
        tuple_(earlier.role, earlier.id) < tuple_(IncidentGroup.role, IncidentGroup.id)).exists()
    linked = (select().select_from(IncidentGroup)
              .join(Group, and_(Group.tenant_id == IncidentGroup.tenant_id, Group.id == IncidentGroup.group_id))
              .where(IncidentGroup.incident_id == incident.id, visible(IncidentGroup, compiler.viewer),
                     visible(Group, compiler.viewer), first_link))
    item = compiler.rows(lambda: compiler.node("Group", Group, fields), _lift_over(linked))
    return _only(linked, _agg(item, Group.name, IncidentGroup.role, Group.id)).scalar_subquery()


def _incident_people(compiler: Compiler, incident: Any, definition: GraphQLField, fields: list[FieldNode]
                     ) -> ColumnElement[Any]:
    """``Incident.people``: role and person, in the loader's order; every person shown is noted."""
    compiler.require(Category.people)
    linked = (select().select_from(IncidentPerson)
              .join(Person, and_(Person.tenant_id == IncidentPerson.tenant_id, Person.id == IncidentPerson.person_id))
              .where(IncidentPerson.incident_id == incident.id, visible(IncidentPerson, compiler.viewer),
                     visible(Person, compiler.viewer)))
    link_type = compiler.schema.type_map["IncidentPersonLink"]

    def resolve(name: str, link_definition: GraphQLField, link_fields: list[FieldNode]) -> ColumnElement[Any]:
        if name == "role":
            return IncidentPerson.role
        if name == "person":
            return compiler.node("Person", Person, link_fields)
        raise NotCompilable(name)

    compiler.saw(func.array(_only(linked, Person.id).scalar_subquery()))
    item = compiler.rows(lambda: compiler.object(link_type, fields, resolve), _lift_over(linked))
    order = (IncidentPerson.role, Person.family_name, Person.given_name, Person.id)
    return _only(linked, _agg(item, *order)).scalar_subquery()


def _person_timeline(compiler: Compiler, person: Any, definition: GraphQLField, fields: list[FieldNode]
                     ) -> ColumnElement[Any]:
    """``Person.timeline``: the domain's one UNION ALL over the sources the viewer may read, paged as the
    resolver pages it (``first`` 0 and a bad cursor go to the resolvers)."""
    compiler.require(Category.people)
    field = fields[0]
    subject = getattr(compiler, "timeline_subject", None)
    if subject is None or compiler.once("timeline"):
        raise NotCompilable("a timeline not under person(id:), or two")  # its binds are named once per statement
    compiler.saw(array([person.id]), opened=True)
    after_given = present(compiler.argument(definition, field, "after", shape=present))
    events = timelines.person_events(compiler.viewer, after=after_given)
    if events is None:
        raise NotCompilable("no timeline source readable")

    def page_size(value: Any, inputs: Inputs) -> int:
        try:
            first = check_page_size(value, inputs.limits)
        except GraphQLRefusal:
            raise Fallback("page size") from None
        if first == 0:
            raise Fallback("an empty timeline page")
        return first

    first = compiler.param(definition, field, "first", page_size, Integer())
    after_raw = compiler.param(definition, field, "after", lambda v, i: v, Text())
    binds = [bindparam("subject", type_=Uuid()), bindparam("limit", type_=Integer())]
    compiler.alias("subject", subject.key)
    compiler.derived_as("limit", lambda i: compiler.params[first.key].read(i) + 1)
    if ":org" in str(events):
        binds.append(bindparam("org", type_=Uuid()))
        compiler.derived_as("org", lambda i: i.viewer.organisation_id)
    if after_given:
        def key(inputs: Inputs) -> tuple[Any, Any, Any]:
            if "timeline-after" not in inputs.cache:
                try:
                    inputs.cache["timeline-after"] = timelines.decode_cursor(compiler.params[after_raw.key].read(inputs))
                except ValidationFailed:
                    raise Fallback("timeline cursor") from None
            return inputs.cache["timeline-after"]

        binds += [bindparam("at", type_=DateTime(timezone=True)), bindparam("kind", type_=Text()),
                  bindparam("id", type_=Uuid())]
        for position, name in enumerate(("at", "kind", "id")):
            compiler.derived_as(name, lambda i, position=position: key(i)[position])
    rows = events.bindparams(*binds).columns(
        column("at", DateTime(timezone=True)), column("kind", Text), column("id", Uuid), column("ref_id", Uuid),
        column("title", Text)).subquery("events")
    numbered = select(rows, func.row_number().over(order_by=(rows.c.at, rows.c.kind, rows.c.id)).label("position")
                      ).cte(compiler.unique("events"))  # read by edges, hasNextPage, endCursor: computed once
    on_page = numbered.c.position <= first

    def event_cursor() -> ColumnElement[Any]:
        return base64url(concat(iso_datetime(numbered.c.at), lit("|"), numbered.c.kind, lit("|"), cast(numbered.c.id, Text)))

    def event(name: str, _definition: GraphQLField, _fields: list[FieldNode]) -> ColumnElement[Any]:
        return {"at": lambda: iso_datetime(numbered.c.at), "kind": lambda: numbered.c.kind,
                "title": lambda: func.coalesce(numbered.c.title, lit("")),
                "refId": lambda: cast(numbered.c.ref_id, Text)}.get(name, _unknown(name))()

    def edge(name: str, _definition: GraphQLField, edge_fields: list[FieldNode]) -> ColumnElement[Any]:
        if name == "node":
            return compiler.object(compiler.schema.type_map["TimelineEvent"], edge_fields, event)
        if name == "cursor":
            return event_cursor()
        raise NotCompilable(name)

    def page_info(name: str, _definition: GraphQLField, _fields: list[FieldNode]) -> ColumnElement[Any]:
        if name == "hasNextPage":
            return select(func.count()).select_from(numbered).scalar_subquery() > first
        if name == "endCursor":
            last = select(event_cursor()).where(on_page).order_by(numbered.c.position.desc()).limit(1)
            return func.coalesce(last.scalar_subquery(), after_raw)
        raise NotCompilable(name)

    def resolve(name: str, _definition: GraphQLField, connection_fields: list[FieldNode]) -> ColumnElement[Any]:
        if name == "edges":
            item = compiler.object(compiler.schema.type_map["TimelineEdge"], connection_fields, edge)
            return select(_agg(item, numbered.c.position)).select_from(numbered).where(on_page).scalar_subquery()
        if name == "pageInfo":
            return compiler.object(compiler.schema.type_map["PageInfo"], connection_fields, page_info)
        raise NotCompilable(name)

    return compiler.object(compiler.schema.type_map["TimelineConnection"], fields, resolve)


def _unknown(name: str) -> Callable[[], ColumnElement[Any]]:
    def fail() -> ColumnElement[Any]:
        raise NotCompilable(name)

    return fail


node_rule(IncidentNode, relations={"groups": _incident_groups, "people": _incident_people})
node_rule(GroupNode)
node_rule(PersonNode, computed={"displayName": lambda p: concat(p.given_name, lit(" "), p.family_name)},
          relations={"timeline": _person_timeline})
ROOTS.update({"incidents": _incidents, "person": _person, "cityFigures": _city_figures})
