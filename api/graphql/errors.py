"""How failures reach a GraphQL caller.

- Refusals of a mutation's input come back **in the payload**: ``errors { field code message }``
  (:class:`UserError`), mapped from the domain's typed errors.
- Refusals of a whole field or operation (not allowed, over a limit, bad cursor, malformed id) are
  GraphQL errors whose ``extensions.code`` names the reason.
- Anything else is a bug: in production its message is replaced by a neutral one naming the request
  id (``MaskErrors``); the original goes to the log.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator

import strawberry
from graphql import GraphQLError
from strawberry.extensions import MaskErrors
from strawberry.relay.types import GlobalIDValueError

from api.middleware.faults import is_database_unavailable
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


def _code(error: GraphQLError) -> str | None:
    original = error.original_error
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
        else:
            log.info("GraphQL refusal %s at %s", code, ".".join(map(str, error.path or [])) or "operation")


class ErrorPolicy(MaskErrors):
    """Adds ``extensions.code`` to every typed error; masks the rest when ``mask`` (production)."""

    def __init__(self, *, mask: bool) -> None:
        super().__init__(error_message="Unexpected error.")
        self.mask = mask

    def _process_errors(self, errors: list[GraphQLError]) -> list[GraphQLError]:
        processed = []
        context = self.execution_context.context
        request_id = getattr(context, "request_id", "") or ""
        for error in errors:
            code = _code(error)
            if code is None and error.original_error is not None and is_database_unavailable(error.original_error):
                context.database_unavailable = True  # the router answers 503 for the whole request
            if code is None:
                if self.mask:
                    processed.append(GraphQLError(
                        f"Unexpected error; quote request id {request_id} when reporting it.",
                        nodes=error.nodes, source=error.source, positions=error.positions, path=error.path,
                        extensions={"code": "INTERNAL_SERVER_ERROR", "requestId": request_id},
                    ))
                    continue
                code = "INTERNAL_SERVER_ERROR"
            extensions = {**(error.extensions or {}), "code": code}
            if code == "INTERNAL_SERVER_ERROR":
                extensions["requestId"] = request_id
            processed.append(GraphQLError(
                error.message, nodes=error.nodes, source=error.source, positions=error.positions, path=error.path,
                original_error=error.original_error, extensions=extensions,
            ))
        return processed

    def on_operation(self) -> Iterator[None]:
        yield from super().on_operation()
        result = self.execution_context.result
        if result is not None and getattr(result, "errors", None):
            context = self.execution_context.context
            if hasattr(context, "failed"):
                context.failed = True  # the router rolls the request's transaction back
