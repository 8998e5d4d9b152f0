"""Plausible inputs for every mutation, generated from the schema (so a new mutation or input field
is covered without editing a test): required fields get valid-looking values, ids point at real
objects of the Malmö demo city, and a chosen leaf can be replaced by a hostile value."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import Any

from graphql import (
    GraphQLEnumType,
    GraphQLInputObjectType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLSchema,
    Undefined,
    get_named_type,
    is_non_null_type,
)

from api.graphql.schema import build_schema

SCHEMA: GraphQLSchema = build_schema()._schema

# The node type an id field points at.
ID_TYPES = {
    "personId": "Person", "personIds": "Person", "otherPersonId": "Person", "closePersonId": "Person", "clientId": "Person",
    "linkedId": "Person", "groupId": "Group", "groupAId": "Group", "groupBId": "Group", "otherGroupId": "Group",
    "incidentId": "Incident", "incidentIds": "Incident", "organisationId": "Organisation", "organisationIds": "Organisation",
    "supervisingOrganisationId": "Organisation", "providerOrganisationId": "Organisation",
    "referringOrganisationId": "Organisation", "assigneeOrganisationId": "Organisation", "callInId": "CallIn",
    "caseId": "SupportCase", "notificationId": "CustomNotification", "relationshipId": "GroupRelationship",
    "reviewId": "IncidentReview", "taskId": "Task", "designationId": "Designation",
}

DEMO_IDS_QUERY = """{
  people(first: 5) { edges { node { id memberships { id } designations { id } } } }
  groups(first: 5) { edges { node { id relationships { id } } } }
  incidents(first: 1) { edges { node { id } } }
  incidentReviews(first: 1) { edges { node { id } } }
  callIns(first: 1) { edges { node { id } } }
  customNotifications(first: 1) { edges { node { id } } }
  supportCases(first: 1) { edges { node { id } } }
  tasks(first: 1) { edges { node { id } } }
  organisations(first: 1) { edges { node { id } } }
}"""


def demo_ids(data: dict) -> dict[str, str]:
    """``{type name: a global id}`` from the answer to :data:`DEMO_IDS_QUERY`."""
    ids: dict[str, str] = {}
    names = {"people": "Person", "groups": "Group", "incidents": "Incident", "incidentReviews": "IncidentReview",
             "callIns": "CallIn", "customNotifications": "CustomNotification", "supportCases": "SupportCase",
             "tasks": "Task", "organisations": "Organisation"}
    for field, type_name in names.items():
        for edge in data[field]["edges"]:
            node = edge["node"]
            ids.setdefault(type_name, node["id"])
            for nested, nested_type in (("memberships", "Membership"), ("designations", "Designation"),
                                        ("relationships", "GroupRelationship")):
                for item in node.get(nested) or []:
                    ids.setdefault(nested_type, item["id"])
    return ids


def _id_for(field: str, mutation: str, ids: dict[str, str]) -> str:
    type_name = ID_TYPES.get(field)
    if field == "id":
        type_name = next((t for t in ("Membership", "Designation", "Group", "Task", "CallIn", "SupportCase")
                          if t.lower() in mutation.lower()), "Person")
    return ids.get(type_name or "", str(uuid.uuid4()))


SCALARS = {"String": "Test value", "Int": 1, "Float": 1.0, "Boolean": True, "Date": "2019-06-01",
           "DateTime": "2019-06-01T12:00:00+02:00", "Decimal": "1.5"}


def sample(type_: Any, field: str, mutation: str, ids: dict[str, str]) -> Any:
    """A plausible value of ``type_`` (required input fields only)."""
    if isinstance(type_, GraphQLNonNull):
        return sample(type_.of_type, field, mutation, ids)
    if isinstance(type_, GraphQLList):
        return [sample(type_.of_type, field, mutation, ids)]
    if isinstance(type_, GraphQLEnumType):
        return next(iter(type_.values))
    if isinstance(type_, GraphQLInputObjectType):
        return {name: sample(f.type, name, mutation, ids) for name, f in type_.fields.items()
                if is_non_null_type(f.type) and f.default_value is Undefined}
    if type_.name == "ID":
        return _id_for(field, mutation, ids)
    return SCALARS[type_.name]


def string_paths(type_: Any, path: tuple = ()) -> Iterator[tuple]:
    """Every path to a ``String`` leaf of an input type (lists through their first item)."""
    if isinstance(type_, GraphQLNonNull):
        yield from string_paths(type_.of_type, path)
    elif isinstance(type_, GraphQLList):
        yield from string_paths(type_.of_type, (*path, 0))
    elif isinstance(type_, GraphQLInputObjectType):
        for name, f in type_.fields.items():
            yield from string_paths(f.type, (*path, name))
    elif get_named_type(type_).name == "String":
        yield path


def with_value(value: Any, type_: Any, path: tuple, leaf: Any, mutation: str, ids: dict[str, str]) -> Any:
    """``value`` with the leaf at ``path`` replaced (creating optional objects on the way)."""
    if not path:
        return leaf
    head, rest = path[0], path[1:]
    inner = type_.of_type if isinstance(type_, GraphQLNonNull) else type_
    if isinstance(inner, GraphQLList):
        items = list(value) if value else [sample(inner.of_type, "", mutation, ids)]
        items[0] = with_value(items[0], inner.of_type, rest, leaf, mutation, ids)
        return items
    fields = inner.fields
    current = dict(value or {})
    child_type = fields[head].type
    child = current.get(head)
    if child is None and rest:
        child = sample(child_type, head, mutation, ids)
    current[head] = with_value(child, child_type, rest, leaf, mutation, ids)
    return current


def mutation_request(name: str, args: dict[str, Any]) -> dict:
    """``{query, variables}`` calling mutation ``name`` with ``args`` as variables."""
    definition = SCHEMA.mutation_type.fields[name]
    declared = ", ".join(f"${a}: {definition.args[a].type}" for a in args)
    passed = ", ".join(f"{a}: ${a}" for a in args)
    payload = get_named_type(definition.type)
    selection = "__typename" + (" errors { field code message }" if "errors" in payload.fields else "")
    if "results" in payload.fields:  # per-item outcomes (ingestion)
        selection += " results { errors { field code message } }"
    return {"query": f"mutation({declared}) {{ {name}({passed}) {{ {selection} }} }}", "variables": args}


def mutations() -> list[str]:
    return list(SCHEMA.mutation_type.fields)
