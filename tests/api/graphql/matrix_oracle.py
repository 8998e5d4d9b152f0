"""An independent oracle of the permission matrix, for the generated path test.

It knows nothing of ``domain.access``: from the raw rows of a city it computes, in Python, which
objects of each GraphQL type a caller may see (the matrix's category, and the own-organisation rules
written out again from the README), and from the schema it derives every field path from the root
that reaches a person or a categorised object, with the categories each field requires (the
``Requires c:read`` note the schema carries).
"""

from __future__ import annotations

import base64
import re
import uuid
from collections import deque
from dataclasses import dataclass, field

from graphql import GraphQLObjectType, GraphQLSchema, get_named_type
from sqlalchemy import text

from domain.identity.permissions import Access, Action, Category, access
from domain.identity.principal import Principal
from tenants.context import tenant_context

C = Category

# GraphQL type → (table, category). Designations are special (their kind decides the category).
TYPES: dict[str, tuple[str, Category | None]] = {
    "Person": ("people", C.people), "Membership": ("group_memberships", C.groups),
    "Designation": ("designations", None), "Group": ("groups", C.groups),
    "GroupRelationship": ("group_relationships", C.groups), "GroupRiskAssessment": ("group_risk_assessments", C.groups),
    "Incident": ("incidents", C.incidents), "IncidentReview": ("incident_reviews", C.incidents),
    "CallIn": ("call_ins", C.callins), "CustomNotification": ("custom_notifications", C.notifications),
    "EnforcementAction": ("enforcement_actions", C.enforcement), "SupportCase": ("support_cases", C.support),
    "OutreachActivity": ("outreach_activities", C.outreach), "Task": ("tasks", C.tasks),
    "ContextEvent": ("context_events", C.programme), "Organisation": ("organisations", None),
    "User": ("users", C.administration), "ApiClient": ("api_clients", C.administration),
    "IdentityProvider": ("identity_providers", C.administration),
    "SharingAgreement": ("sharing_agreements", C.administration),
    "DataSubjectRequest": ("data_subject_requests", C.administration),
}
ROOT_ARGS = {"first": "5"}
UNCATEGORISED: set[str] = set()  # node types with no category of their own: none so far
SKIP_FIELDS = {"node", "viewer", "city", "cityFigures", "programme", "organisations", "organisation", "pageInfo"}


@dataclass
class CityRows:
    """The raw rows the own-organisation rules need, and every id per type."""

    ids: dict[str, set[str]] = field(default_factory=dict)
    designations: dict[str, tuple[str, str]] = field(default_factory=dict)  # id → (kind, person id)
    support_cases: list[tuple[str, str, str | None]] = field(default_factory=list)  # id, person, provider
    outreach: list[tuple[str, str | None, str | None, str | None]] = field(default_factory=list)  # id, p, other p, org
    tasks: list[tuple[str, str | None, str | None]] = field(default_factory=list)  # id, person, assignee org
    supervised: list[tuple[str, str | None]] = field(default_factory=list)  # person, supervising org


async def load_rows(sessions, tenant_id: uuid.UUID) -> CityRows:
    rows = CityRows()
    with tenant_context(tenant_id):
        async with sessions() as s:
            for type_name, (table, _) in TYPES.items():
                rows.ids[type_name] = {str(r[0]) for r in await s.execute(text(f"select id from {table}"))}
            rows.designations = {str(i): (k, str(p)) for i, k, p in await s.execute(
                text("select id, kind::text, person_id from designations"))}
            rows.support_cases = [tuple(map(_s, r)) for r in await s.execute(
                text("select id, person_id, provider_organisation_id from support_cases"))]
            rows.outreach = [tuple(map(_s, r)) for r in await s.execute(
                text("select id, person_id, other_person_id, organisation_id from outreach_activities"))]
            rows.tasks = [tuple(map(_s, r)) for r in await s.execute(
                text("select id, person_id, assignee_organisation_id from tasks"))]
            rows.supervised = [tuple(map(_s, r)) for r in await s.execute(
                text("select id, supervising_organisation_id from people"))]
    return rows


def _s(value) -> str | None:
    return None if value is None else str(value)


def level(principal: Principal, category: Category) -> Access:
    return access(principal, category, Action.read)


def visible_ids(rows: CityRows, principal: Principal, type_name: str) -> set[str]:
    """What the matrix lets ``principal`` see of ``type_name``, computed from the rows (README's rules)."""
    org = _s(principal.organisation_id)
    table, category = TYPES[type_name]
    if type_name == "Organisation":
        return rows.ids[type_name]
    if type_name == "Designation":
        people = visible_ids(rows, principal, "Person")
        enforcement = level(principal, C.enforcement) is Access.all
        return {i for i, (kind, person) in rows.designations.items()
                if (kind == "focus_list" and enforcement) or (kind == "at_risk" and person in people)}
    lvl = level(principal, category)
    if lvl is Access.all:
        return rows.ids[type_name]
    if lvl is Access.none or org is None:
        return set()
    if type_name == "Person":  # assigned: supervised by, supported by, met by or tasked to the organisation
        return ({p for p, o in rows.supervised if o == org} | {p for _, p, o in rows.support_cases if o == org}
                | {p for _, p, q, o in rows.outreach if o == org for p in (p, q) if p}
                | {p for _, p, o in rows.tasks if o == org and p})
    if type_name == "SupportCase":
        return {i for i, _, o in rows.support_cases if o == org}
    if type_name == "OutreachActivity":
        return {i for i, _, _, o in rows.outreach if o == org}
    if type_name == "Task":
        return {i for i, _, o in rows.tasks if o == org}
    return set()  # own-organisation access without an own-organisation rule: nothing


def to_global(type_name: str, raw) -> str:
    return base64.b64encode(f"{type_name}:{raw}".encode()).decode()


def decode(global_id: str) -> tuple[str, str]:
    type_name, _, raw = base64.b64decode(global_id).decode().partition(":")
    return type_name, raw


# --- the schema's paths -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Step:
    name: str
    args: str  # the argument text, e.g. "(first: 5)"
    requires: frozenset[Category]


@dataclass(frozen=True)
class Path:
    steps: tuple[Step, ...]
    leaf: str  # the object type the path reaches
    leaf_has_id: bool = False

    @property
    def label(self) -> str:
        return ".".join(s.name for s in self.steps)

    def requires(self) -> list[Category]:
        return [c for s in self.steps for c in sorted(s.requires, key=lambda c: c.value)]

    def selection(self) -> str:
        inner = "id" if self.leaf_has_id else "kind" if self.leaf == "TimelineEvent" else "__typename"
        for step in reversed(self.steps):
            inner = f"{step.name}{step.args} {{ {inner} }}"
        return inner


def _requires(description: str | None) -> frozenset[Category]:
    return frozenset(Category(c) for c, a in re.findall(r"Requires (\w+):(\w+)", description or "") if a == "read")


def _args(field, lookup_ids: dict[str, str]) -> str | None:
    parts = []
    for name, arg in field.args.items():
        if name == "id":
            named = get_named_type(field.type).name
            if named not in lookup_ids:
                return None
            parts.append(f'id: "{lookup_ids[named]}"')
        elif name == "first":
            parts.append(f"first: {ROOT_ARGS['first']}")
        elif str(arg.type).endswith("!") and arg.default_value is None:
            return None  # a required argument this walk cannot invent
    return f"({', '.join(parts)})" if parts else ""


def paths(schema: GraphQLSchema, lookup_ids: dict[str, str]) -> list[Path]:
    """Every edge (type.field) reaching an object type, each by its shortest path from the root, plus
    the root fields themselves: the paths that reach a person or a categorised object."""
    query = schema.query_type
    found: list[Path] = []
    seen_edges: set[tuple[str, str]] = set()
    queue: deque[tuple[GraphQLObjectType, tuple[Step, ...]]] = deque()
    for name, root in query.fields.items():
        target = get_named_type(root.type)
        if name in SKIP_FIELDS or not isinstance(target, GraphQLObjectType):
            continue
        args = _args(root, lookup_ids)
        if args is None:
            continue
        steps = (Step(name, args, _requires(root.description)),)
        found.append(Path(steps, target.name, _is_node(target)))
        queue.append((target, steps))
    while queue:
        parent, steps = queue.popleft()
        for name, child in parent.fields.items():
            target = get_named_type(child.type)
            if name in SKIP_FIELDS or not isinstance(target, GraphQLObjectType) or (parent.name, name) in seen_edges:
                continue
            args = _args(child, lookup_ids)
            if args is None:
                continue
            seen_edges.add((parent.name, name))
            path_steps = (*steps, Step(name, args, _requires(child.description)))
            if not parent.name.endswith(("Connection", "Edge")):
                found.append(Path(path_steps, target.name, _is_node(target)))
            queue.append((target, path_steps))
    return [p for p in found if p.leaf not in ("PageInfo",)]


# Timeline event kinds (by prefix) and the category of the record each concerns, written out again.
TIMELINE_KINDS = {"incident": C.incidents, "membership_": C.groups, "designation_": C.people,
                  "focus_list_": C.enforcement, "call_in": C.callins, "custom_notification": C.notifications,
                  "enforcement": C.enforcement, "support_": C.support, "consent_": C.support, "outreach_": C.outreach,
                  "task": C.tasks, "risk_assessment": C.groups, "relationship_": C.groups}


def timeline_category(kind: str) -> Category:
    return next(c for prefix, c in TIMELINE_KINDS.items() if kind.startswith(prefix))


def kinds(data) -> list[str]:
    out: list[str] = []
    stack = [data]
    while stack:
        value = stack.pop()
        if isinstance(value, dict):
            out += [v for k, v in value.items() if k == "kind" and isinstance(v, str) and "edges" not in value]
            stack.extend(v for k, v in value.items() if k != "kind")
        elif isinstance(value, list):
            stack.extend(value)
    return out


def _is_node(target: GraphQLObjectType) -> bool:
    return any(i.name == "Node" for i in target.interfaces)


def objects(data) -> list[tuple[str, str]]:
    """Every (type, raw id) in an answer (global ids of the ``id`` fields)."""
    out: list[tuple[str, str]] = []
    stack = [data]
    while stack:
        value = stack.pop()
        if isinstance(value, dict):
            for key, item in value.items():
                if key == "id" and isinstance(item, str):
                    type_name, raw = decode(item)
                    if type_name in TYPES:  # the categorised types (and organisations)
                        out.append((type_name, raw))
                    else:
                        assert type_name in UNCATEGORISED, type_name
                else:
                    stack.append(item)
        elif isinstance(value, list):
            stack.extend(value)
    return out
