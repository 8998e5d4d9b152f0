"""Abuse limits, all checked while the operation is validated — before any resolver runs.

Depth, tokens and aliases use Strawberry's extensions. Page size and cost need the operation's
variables, which graphql's validation rules never see, so :class:`CostLimit` checks them in the
validation step of the extension runner, right after the (cached) standard validation.

Cost: computed from the variables as graphql-core coerces them (``100.0`` is 100, a variable's
default counts), so no spelling of a page size escapes it. Every field costs 1; a field with a
``first`` argument (a connection) multiplies the cost of its selection by its page size (the
schema's default when absent). A batch is costed as a whole (``api.graphql.router``). So
``organisations(first: 50) { edges { node { id city { name } } } }`` costs
``1 + 50 × (1 + (1 + 1 + (1 + 1)))`` = 251.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from graphql import (
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLField,
    GraphQLNamedType,
    GraphQLSchema,
    InlineFragmentNode,
    OperationDefinitionNode,
    SelectionSetNode,
    StringValueNode,
    Undefined,
    VariableNode,
    Visitor,
    get_named_type,
    get_variable_values,
    is_interface_type,
    is_object_type,
    parse,
    validate,
    visit,
)
from graphql.execution.values import VariableValues
from graphql.utilities.coerce_input_value import coerce_input_literal
from strawberry.extensions import SchemaExtension

from api.graphql.errors import GraphQLRefusal, refusal

DEFAULT_PAGE_SIZE = 20


@dataclass(frozen=True)
class Limits:
    max_depth: int = 10
    max_tokens: int = 4000
    max_aliases: int = 30
    max_cost: int = 10_000
    max_page_size: int = 100
    max_batch: int = 10  # operations per HTTP request (a JSON array body)
    max_query_length: int = 50_000  # characters: the token limit does not count whitespace or comments


def check_page_size(first: int | None, limits: Limits) -> int:
    """The page size a connection resolver uses (validation already refused bad values)."""
    if first is None:
        return DEFAULT_PAGE_SIZE
    if first < 0 or first > limits.max_page_size:
        raise GraphQLRefusal(page_size_message(first, limits), "PAGE_SIZE_EXCEEDED")
    return first


def page_size_message(first: object, limits: Limits) -> str:
    return f"first: {first} is outside 0–{limits.max_page_size}; request at most {limits.max_page_size} items per page"


class _Refused(Exception):
    def __init__(self, message: str, code: str) -> None:
        self.message, self.code = message, code


class _Coster:
    def __init__(self, schema: GraphQLSchema, fragments: Mapping[str, FragmentDefinitionNode],
                 variables: VariableValues, limits: Limits) -> None:
        self.schema, self.fragments, self.variables, self.limits = schema, fragments, variables, limits

    def selection(self, selection_set: SelectionSetNode | None, parent: GraphQLNamedType | None) -> int:
        if selection_set is None:
            return 0
        total = 0
        for node in selection_set.selections:
            if isinstance(node, FieldNode):
                total += self.field(node, parent)
            elif isinstance(node, InlineFragmentNode):
                target = self.schema.get_type(node.type_condition.name.value) if node.type_condition else parent
                total += self.selection(node.selection_set, target)
            elif isinstance(node, FragmentSpreadNode):
                fragment = self.fragments[node.name.value]
                total += self.selection(fragment.selection_set, self.schema.get_type(fragment.type_condition.name.value))
        return total

    def field(self, node: FieldNode, parent: GraphQLNamedType | None) -> int:
        definition: GraphQLField | None = None
        if parent is not None and (is_object_type(parent) or is_interface_type(parent)):
            definition = parent.fields.get(node.name.value)  # type: ignore[union-attr]
        child_type = get_named_type(definition.type) if definition else None
        children = self.selection(node.selection_set, child_type)
        if definition is None or "first" not in definition.args:
            return 1 + children
        first = self._first(node, definition)
        return 1 + first * children

    def _first(self, node: FieldNode, definition: GraphQLField) -> int:
        # The value the resolver will get: graphql-core's coercion of the literal or of the coerced
        # variables (``100.0`` → 100, a variable's default, an absent one → the argument's default).
        argument = next((a for a in node.arguments or () if a.name.value == "first"), None)
        value: Any = definition.args["first"].default_value
        if argument is not None:
            if isinstance(argument.value, VariableNode) and argument.value.name.value not in self.variables.coerced:
                pass  # an absent nullable variable: the argument's default applies
            else:
                value = coerce_input_literal(argument.value, definition.args["first"].type, self.variables)
        if value is None or value is Undefined:
            value = DEFAULT_PAGE_SIZE
        if value < 0 or value > self.limits.max_page_size:
            raise _Refused(page_size_message(value, self.limits), "PAGE_SIZE_EXCEEDED")
        return value


class _InvalidVariables(Exception):
    def __init__(self, errors: list[GraphQLError]) -> None:
        self.errors = errors


def operation_cost(schema: GraphQLSchema, document, variables: Mapping[str, Any] | None, limits: Limits,
                   operation_name: str | None = None) -> int:
    """The cost of the operation that will run (see the module docstring), from the variables as
    graphql-core coerces them. Raises on a bad page size and on variables that do not coerce."""
    fragments = {d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)}
    operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    if operation_name:
        operations = [d for d in operations if d.name and d.name.value == operation_name]
    total = 0
    for operation in operations[:1] if operation_name or len(operations) == 1 else operations:
        coerced = get_variable_values(schema, operation.variable_definitions or (), dict(variables or {}), max_errors=20)
        if isinstance(coerced, list):
            raise _InvalidVariables(coerced)
        coster = _Coster(schema, fragments, coerced, limits)
        root = schema.get_root_type(operation.operation)
        total = max(total, coster.selection(operation.selection_set, root))
    return total


def request_cost(schema: GraphQLSchema, query: Any, variables: Any, operation_name: Any, limits: Limits) -> int:
    """The cost of one request of a batch; 0 when it will be refused anyway (it does not parse,
    validate or coerce: its own execution reports why)."""
    if not isinstance(query, str) or not isinstance(variables, (dict, type(None))):
        return 0
    try:
        document = parse(query, max_tokens=limits.max_tokens)
        if validate(schema, document):
            return 0
        return operation_cost(schema, document, variables, limits, operation_name if isinstance(operation_name, str) else None)
    except (GraphQLError, _Refused, _InvalidVariables, RecursionError):
        return 0


def _has_nul(value: Any) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(_has_nul(v) for v in value.values())
    if isinstance(value, list):
        return any(_has_nul(v) for v in value)
    return False


def _document_has_nul(document: Any) -> bool:
    found = False

    class Finder(Visitor):
        def enter_string_value(self, node: StringValueNode, *_: Any) -> None:
            nonlocal found
            found = found or "\x00" in node.value

    visit(document, Finder())
    return found


_NUL_CHECKED: dict[str, bool] = {}


def _query_has_nul(query: str | None, document: Any) -> bool:
    """``_document_has_nul`` once per query text (the same text always parses to the same document)."""
    if not isinstance(query, str):
        return _document_has_nul(document)
    found = _NUL_CHECKED.get(query)
    if found is None:
        found = _document_has_nul(document)
        if len(_NUL_CHECKED) >= 1024:  # bounded, like the parser and validation caches
            _NUL_CHECKED.clear()
        _NUL_CHECKED[query] = found
    return found


class CostLimit(SchemaExtension):
    """Refuses an operation whose page sizes or cost are over the limits, before execution."""

    def __init__(self, limits: Limits) -> None:
        self.limits = limits

    def on_validate(self) -> Iterator[None]:
        ctx = self.execution_context
        if ctx.pre_execution_errors is None and ctx.graphql_document is not None:
            # The standard rules first (normally already run by ValidationCache): only a valid
            # document can be costed.
            ctx.pre_execution_errors = validate(ctx.schema._schema, ctx.graphql_document, ctx.validation_rules)
        if not ctx.pre_execution_errors and ctx.graphql_document is not None and (
                _has_nul(ctx.variables) or _query_has_nul(ctx.query, ctx.graphql_document)):
            # PostgreSQL text cannot hold NUL: refuse it here rather than fail in the database
            ctx.pre_execution_errors = [refusal("string values must not contain NUL characters (\\u0000)", "BAD_USER_INPUT")]
        if not ctx.pre_execution_errors and ctx.graphql_document is not None:
            try:
                cost = operation_cost(ctx.schema._schema, ctx.graphql_document, ctx.variables, self.limits, ctx.operation_name)
            except _InvalidVariables as invalid:
                ctx.pre_execution_errors = invalid.errors  # the caller's values: BAD_USER_INPUT, named
            except _Refused as refused:
                ctx.pre_execution_errors = [refusal(refused.message, refused.code)]
            else:
                if cost > self.limits.max_cost:
                    ctx.pre_execution_errors = [refusal(
                        f"operation cost {cost} exceeds the limit of {self.limits.max_cost}; "
                        "request smaller pages or fewer nested fields", "COST_LIMIT_EXCEEDED")]
        yield
