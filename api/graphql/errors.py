"""How failures reach a GraphQL caller.

- Refusals of a mutation's input come back **in the payload**: ``errors { field code message }``
  (:class:`UserError`), mapped from the domain's typed errors.
- Refusals of a whole field or operation (not allowed, over a limit, bad cursor, malformed id) are
  GraphQL errors whose ``extensions.code`` names the reason.
- Anything else is a bug: its message is replaced by a neutral one naming the request id
  (``MaskErrors``), in every mode — an exception's text may hold SQL, bound parameters or person
  data; the original goes to the log only.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator

import asyncpg
import strawberry
from graphql import GraphQLError
from strawberry.extensions import MaskErrors
from strawberry.relay.types import GlobalIDValueError

from api.middleware.faults import Fault, classify
from tenants.errors import Conflict, DomainError, NotFound, PermissionDenied, ValidationFailed

log = logging.getLogger(__name__)

CODES: dict[type[DomainError], str] = {
    ValidationFailed: "BAD_USER_INPUT",
    NotFound: "NOT_FOUND",
    Conflict: "CONFLICT",
    PermissionDenied: "FORBIDDEN",
}


class GraphQLRefusal(Exception):
    """A refusal of a field or operation with a stable ``code`` (limits, cursors, ids)."""

    def __init__(self, message: str, code: str) -> None:
        super().__init__(message)
        self.code = code


def refusal(message: str, code: str) -> GraphQLError:
    """A GraphQL error raised before execution (validation): typed, never masked."""
    return GraphQLError(message, extensions={"code": code})


@strawberry.type(description="Why a mutation refused its input: the field (input path), a stable code, a message.")
class UserError:
    field: str | None
    code: str
    message: str


def user_errors(exc: DomainError) -> list[UserError]:
    """Domain refusal → payload errors (one per field, or one without a field)."""
    if exc.errors:
        return [UserError(field=e.field, code=e.code, message=e.message) for e in exc.errors]
    return [UserError(field=None, code=CODES.get(type(exc), "BAD_USER_INPUT").lower(), message=exc.message)]


# Strawberry's limiters report without a code; name them so integrators can tell them apart.
_LIMIT_MARKERS = {
    "exceeds maximum operation depth": "DEPTH_LIMIT_EXCEEDED",
    "aliases found. Allowed": "ALIAS_LIMIT_EXCEEDED",
    "Document contains more than": "TOKEN_LIMIT_EXCEEDED",
}


QUERY_TIMEOUT_MESSAGE = ("the query ran longer than the database allows (statement_timeout) and was stopped; "
                         "ask for a shorter range, smaller pages or fewer fields")


TRANSACTION_ABORTED_MESSAGE = ("not run: an earlier field's failure in this request (see its error) stopped the "
                               "request's database transaction; send this field again")

# Codes whose original message is the driver's (it may hold the statement): answered with these instead.
_FIXED_MESSAGES = {"QUERY_TIMEOUT": QUERY_TIMEOUT_MESSAGE, "TRANSACTION_ABORTED": TRANSACTION_ABORTED_MESSAGE}


def _caused_by(error: GraphQLError, cls: type[BaseException]) -> bool:
    seen, todo = set(), [error.original_error]
    while todo:
        exc = todo.pop()
        if exc is None or id(exc) in seen:
            continue
        seen.add(id(exc))
        if isinstance(exc, cls):
            return True
        todo += [exc.__cause__, exc.__context__, getattr(exc, "orig", None)]
    return False


def _code(error: GraphQLError) -> str | None:
    original = error.original_error
    if original is not None and _caused_by(error, asyncpg.QueryCanceledError):
        return "QUERY_TIMEOUT"  # the runtime role's statement_timeout cancelled it (SQLSTATE 57014)
    if original is not None and _caused_by(error, asyncpg.InFailedSQLTransactionError):
        # 25P02: a sibling field's failure (typically its timeout) aborted the shared transaction first
        return "TRANSACTION_ABORTED"
    if error.path is None and _is_input_error(error):
        # graphql-core's coercion of the request's variables or literals: the caller's mistake, and
        # its message already says which variable or argument and why.
        return "BAD_USER_INPUT"
    if original is None:
        # Produced by graphql itself (syntax, validation, limits): already a clear message.
        if code := (error.extensions or {}).get("code"):
            return code
        return next((code for marker, code in _LIMIT_MARKERS.items() if marker in error.message), "GRAPHQL_VALIDATION_FAILED")
    if isinstance(original, DomainError):
        return next((code for cls, code in CODES.items() if isinstance(original, cls)), "BAD_USER_INPUT")
    if isinstance(original, GraphQLRefusal):
        return original.code
    if isinstance(original, GlobalIDValueError):
        return "BAD_USER_INPUT"
    if isinstance(original, GraphQLError) and (original.extensions or {}).get("code"):
        return original.extensions["code"]
    return None


_INPUT_MESSAGES = ("Variable '$", "Expected value of type", "Argument '")


def _is_input_error(error: GraphQLError) -> bool:
    original = error.original_error
    if (error.extensions or {}).get("code") == "BAD_USER_INPUT":
        return True
    return error.message.startswith(_INPUT_MESSAGES) and (original is None or isinstance(
        original, (GraphQLError, ValueError, TypeError, ArithmeticError)))


def log_errors(errors: list[GraphQLError]) -> None:
    """Unexpected errors at ERROR with their traceback; refusals (limits, validation) only at INFO.

    A refusal is logged by its code and path, not its message: graphql-core's messages quote the
    caller's values ("String cannot represent a non string value: 198112189876"), and the caller,
    who sent them, already has the message.
    """
    for error in errors:
        code = _code(error)
        if code is None:
            log.error("GraphQL operation failed: %s", error.message, exc_info=error.original_error)
        elif code == "QUERY_TIMEOUT":
            log.warning("GraphQL statement stopped by statement_timeout at %s", error.path)
        elif code == "TRANSACTION_ABORTED":
            log.info("GraphQL field not run (transaction aborted by an earlier field) at %s", error.path)
        else:
            log.info("GraphQL refusal %s at %s", code, ".".join(map(str, error.path or [])) or "operation")


class ErrorPolicy(MaskErrors):
    """Adds ``extensions.code`` to every typed error and masks the rest, in every mode."""

    def __init__(self) -> None:
        super().__init__(error_message="Unexpected error.")

    def _process_errors(self, errors: list[GraphQLError]) -> list[GraphQLError]:
        processed = []
        context = self.execution_context.context
        request_id = getattr(context, "request_id", "") or ""
        for error in errors:
            code = _code(error)
            if code is None and error.original_error is not None \
                    and (fault := classify(error.original_error)) not in (None, Fault.timeout):
                # database away, busy or refusing writes: the router answers 503 for the whole request
                context.database_fault = fault
            if code in _FIXED_MESSAGES:  # the driver's message may hold the statement: never passed on
                processed.append(GraphQLError(
                    _FIXED_MESSAGES[code], nodes=error.nodes, source=error.source, positions=error.positions,
                    path=error.path, extensions={"code": code, "requestId": request_id}))
                continue
            if code is None:
                processed.append(GraphQLError(
                    f"Unexpected error; quote request id {request_id} when reporting it.",
                    nodes=error.nodes, source=error.source, positions=error.positions, path=error.path,
                    extensions={"code": "INTERNAL_SERVER_ERROR", "requestId": request_id},
                ))
                continue
            processed.append(GraphQLError(
                error.message, nodes=error.nodes, source=error.source, positions=error.positions, path=error.path,
                original_error=error.original_error, extensions={**(error.extensions or {}), "code": code},
            ))
        return processed

    def on_operation(self) -> Iterator[None]:
        yield from super().on_operation()
        result = self.execution_context.result
        if result is not None and getattr(result, "errors", None):
            context = self.execution_context.context
            if hasattr(context, "failed"):
                context.failed = True  # the router rolls the request's transaction back
