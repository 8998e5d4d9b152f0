"""Size limits checked before anything reads the request: the body and the purpose header.

The body cap applies to the declared ``Content-Length`` and, for chunked bodies, to the bytes
actually received. The purpose header is stored in the append-only audit log on every request, so
it is capped too (a refusal names the header and the limit).
"""

from __future__ import annotations

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.errors import problem
from tenants.errors import FieldError

MAX_BODY_BYTES = 4 * 1024 * 1024
PURPOSE_HEADER = "x-gvi-purpose"
MAX_PURPOSE_CHARS = 200


class BodyTooLarge(HTTPException):
    """Raised from ``receive`` once a streamed body passes the cap (rendered as 413 problem+json)."""

    def __init__(self) -> None:
        super().__init__(413, f"the request body must be at most {MAX_BODY_BYTES} bytes")


def _too_large():
    return problem(413, "Content too large", f"the request body must be at most {MAX_BODY_BYTES} bytes",
                   [FieldError("body", "too_large", f"must be at most {MAX_BODY_BYTES} bytes")])


class InputLimits:
    def __init__(self, app: ASGIApp, max_body_bytes: int = MAX_BODY_BYTES) -> None:
        self.app = app
        self.max_body_bytes = max_body_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = None
        for name, value in scope["headers"]:
            if name == b"content-length":
                try:
                    declared = int(value)
                except ValueError:
                    declared = None
            elif name == PURPOSE_HEADER.encode():
                purpose = value.decode("utf-8", errors="replace")
                if len(purpose) > MAX_PURPOSE_CHARS:
                    message = f"must be at most {MAX_PURPOSE_CHARS} characters (got {len(purpose)})"
                    await problem(400, "Bad request", f"X-GVI-Purpose: {message}",
                                  [FieldError("X-GVI-Purpose", "too_long", message)])(scope, receive, send)
                    return
        if declared is not None and declared > self.max_body_bytes:
            await _too_large()(scope, receive, send)
            return
        received = 0

        async def counted() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_body_bytes:
                    raise BodyTooLarge()
            return message

        await self.app(scope, counted, send)
