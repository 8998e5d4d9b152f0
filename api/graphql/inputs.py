"""Refusals of bad input values that name the argument, the input field and the reason.

graphql-core checks literal values against their types while validating (``ValuesOfCorrectTypeRule``)
but reports a scalar's refusal without saying where it was found (``Date 0001-01-01 is out of
range``). :class:`ArgumentValuesRule` is that rule with the argument and input path in front
(``Argument 'filter.occurredFrom': …``) and the code ``BAD_USER_INPUT``. Values sent as variables
are named by graphql-core itself (``Variable '$from' has invalid value: …``).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from graphql import GraphQLError
from graphql.language import SKIP, ArgumentNode, ValueNode, VisitorAction
from graphql.type import GraphQLInputType
from graphql.utilities.validate_input_value import validate_input_literal
from graphql.validation import ValuesOfCorrectTypeRule
from strawberry.extensions import SchemaExtension


class ArgumentValuesRule(ValuesOfCorrectTypeRule):
    """``ValuesOfCorrectTypeRule`` whose errors say which argument (and input field) was wrong."""

    _argument: str | None = None

    def enter_argument(self, node: ArgumentNode, *_args: Any) -> None:
        self._argument = node.name.value

    def leave_argument(self, node: ArgumentNode, *_args: Any) -> None:
        self._argument = None

    def is_valid_value_node(self, node: ValueNode, input_type: GraphQLInputType | None) -> VisitorAction:
        if input_type:
            def on_error(error: GraphQLError, path: list[str | int]) -> None:
                where = ".".join(str(p) for p in ([self._argument] if self._argument else []) + path)
                message = f"Argument '{where}': {error.message}" if where else error.message
                self.report_error(GraphQLError(message, error.nodes or node, original_error=error.original_error,
                                               extensions={"code": "BAD_USER_INPUT"}))

            validate_input_literal(node, input_type, on_error, None, None, self.context.hide_suggestions)
        return SKIP


class NamedInputErrors(SchemaExtension):
    """Validates literal values with :class:`ArgumentValuesRule` instead of graphql-core's rule."""

    def on_operation(self) -> Iterator[None]:
        ctx = self.execution_context
        ctx.validation_rules = tuple(
            ArgumentValuesRule if rule is ValuesOfCorrectTypeRule else rule for rule in ctx.validation_rules)
        yield
