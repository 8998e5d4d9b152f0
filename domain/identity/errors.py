"""Refusals of authentication (the HTTP layers answer 401 / 429 with these messages)."""

from __future__ import annotations

from datetime import datetime

from tenants.errors import DomainError


class AuthenticationFailed(DomainError):
    status = 401
    title = "Unauthorized"


class LockedOut(DomainError):
    status = 429
    title = "Too many requests"

    def __init__(self, message: str, until: datetime) -> None:
        super().__init__(message)
        self.until = until
