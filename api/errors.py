"""One error format for every answer that is not a success: RFC 9457 ``application/problem+json``.

``{"type", "title", "status", "detail", "errors": [{"field", "code", "message"}], "request_id"}``
"""

from __future__ import annotations

import logging
import re

from asgi_correlation_id import correlation_id
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from tenants.errors import DomainError, FieldError

log = logging.getLogger(__name__)

PROBLEM_JSON = "application/problem+json"


def _type_uri(title: str) -> str:
    return "urn:gvi:problem:" + re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")


def problem(
    status: int,
    title: str,
    detail: str,
    errors: list[FieldError] | None = None,
    headers: dict[str, str] | None = None,
) -> JSONResponse:
    body = {
        "type": _type_uri(title),
        "title": title,
        "status": status,
        "detail": detail,
        "errors": [{"field": e.field, "code": e.code, "message": e.message} for e in errors or []],
        "request_id": correlation_id.get(),
    }
    return JSONResponse(body, status_code=status, media_type=PROBLEM_JSON, headers=headers)


def _field_name(loc: tuple) -> str:
    # ("body", "incident", "occurred_at") -> "incident.occurred_at"; keep the location for query/path
    parts = [str(p) for p in loc]
    if parts and parts[0] == "body":
        parts = parts[1:]
    return ".".join(parts) or "body"


async def _validation(request: Request, exc: RequestValidationError) -> JSONResponse:
    errors = [FieldError(_field_name(tuple(e["loc"])), e["type"], e["msg"]) for e in exc.errors()]
    detail = "; ".join(f"{e.field}: {e.message}" for e in errors)
    return problem(422, "Validation failed", detail, errors)


async def _domain(request: Request, exc: DomainError) -> JSONResponse:
    return problem(exc.status, exc.title, exc.message, exc.errors)


_TITLES = {400: "Bad request", 401: "Unauthorized", 403: "Forbidden", 404: "Not found",
           405: "Method not allowed", 409: "Conflict", 413: "Content too large", 415: "Unsupported media type",
           429: "Too many requests", 503: "Service unavailable"}


async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
    title = _TITLES.get(exc.status_code, "Error")
    return problem(exc.status_code, title, str(exc.detail), headers=getattr(exc, "headers", None))


def install(app: FastAPI) -> None:
    app.add_exception_handler(RequestValidationError, _validation)
    app.add_exception_handler(DomainError, _domain)
    app.add_exception_handler(StarletteHTTPException, _http)
    # Unexpected errors (and the database being away) are answered by api.middleware.faults.
