"""``X-Request-ID``: the caller's correlation id when it is a safe token, else a fresh UUID.

Agencies correlate with their own ids (``POL-2020-0301-17``), not only UUIDs, so any short token of
letters, digits and ``. _ : -`` is kept. Anything else (too long, spaces, control characters, header
injection attempts) is replaced, because the id is echoed in headers, logs and the audit trail.
"""

from __future__ import annotations

import re
import uuid

from asgi_correlation_id import CorrelationIdMiddleware
from fastapi import FastAPI

HEADER = "X-Request-ID"
MAX_LENGTH = 128
_SAFE = re.compile(rf"[A-Za-z0-9._:-]{{1,{MAX_LENGTH}}}")


def is_safe_request_id(value: str) -> bool:
    return _SAFE.fullmatch(value) is not None


def install_request_id(app: FastAPI) -> None:
    app.add_middleware(CorrelationIdMiddleware, header_name=HEADER, validator=is_safe_request_id,
                       generator=lambda: str(uuid.uuid4()))
