"""Typed errors shared by the tenancy kernel and the domain.

The API layers translate them into 4xx answers (problem+json, GraphQL payload errors, CLI exit 2);
the domain never knows about HTTP.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class FieldError:
    field: str
    code: str
    message: str


class DomainError(Exception):
    """Base for every refusal the domain can give. ``status`` is a hint for HTTP layers."""

    status = 400
    title = "Invalid request"

    def __init__(self, message: str, errors: list[FieldError] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.errors: list[FieldError] = errors or []

    @classmethod
    def single(cls, field: str, code: str, message: str):
        """A refusal about one field."""
        return cls(f"{field}: {message}", [FieldError(field, code, message)])


class ValidationFailed(DomainError):
    status = 422
    title = "Validation failed"


class NotFound(DomainError):
    status = 404
    title = "Not found"


class Conflict(DomainError):
    status = 409
    title = "Conflict"


class PermissionDenied(DomainError):
    status = 403
    title = "Forbidden"


@dataclass
class ErrorCollector:
    """Gathers every field error before refusing, so a caller sees all problems at once."""

    errors: list[FieldError] = field(default_factory=list)

    def add(self, field: str, code: str, message: str) -> None:
        self.errors.append(FieldError(field, code, message))

    def raise_if_any(self, message: str = "Validation failed") -> None:
        if self.errors:
            detail = "; ".join(f"{e.field}: {e.message}" for e in self.errors)
            raise ValidationFailed(f"{message}: {detail}", list(self.errors))
