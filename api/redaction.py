"""Keep person data out of the server log.

Engines are created with ``hide_parameters=True`` (``tenants.database``), so SQLAlchemy never puts
bound parameters in an error. PostgreSQL's own error details still can: a unique violation says
``Key (name)=(Anna Svensson) already exists`` and a constraint failure ``Failing row contains
(…every column…)``. This filter, on every log handler, removes those values (and any parameter list
a stray engine might print) from the message and from the formatted traceback.
"""

from __future__ import annotations

import logging
import re

REDACTED = "(redacted)"

_PATTERNS = [
    # Key (col, col)=(value, value) …
    (re.compile(r"(Key \([^)]*\))=\((?:[^()]|\([^()]*\))*\)"), r"\1=" + REDACTED),
    # Failing row contains (…).
    (re.compile(r"(Failing row contains )\((?:[^()]|\([^()]*\))*\)"), r"\1" + REDACTED),
    # SQLAlchemy's "[parameters: …]" (engines without hide_parameters), up to the background link.
    (re.compile(r"\[parameters: .*?\](?=\s*(?:\n|\(Background|$))", re.S), "[parameters: " + REDACTED + "]"),
]


def redact(text: str) -> str:
    for pattern, replacement in _PATTERNS:
        text = pattern.sub(replacement, text)
    return text


class RedactingFilter(logging.Filter):
    """Rewrites a record's message and traceback text with :func:`redact` before any handler formats it."""

    _formatter = logging.Formatter()

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = redact(message)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        if record.exc_info and not record.exc_text:
            record.exc_text = self._formatter.formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        return True
