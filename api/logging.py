"""Log configuration: one JSON object per line (or a text line), each naming its request id, and
never person data (see ``api.redaction``).

JSON fields: ``time``, ``level``, ``logger``, ``message``, ``request_id`` and, for access lines,
``method``, ``route`` (the template, never the path), ``status``, ``duration_ms``. The server's own
access log is off (``gvi serve``): it prints raw paths with their query strings, which can hold ids
and search terms; ``gvi.access`` (``api.observability``) logs each request instead.
"""

from __future__ import annotations

import logging.config

TEXT_FORMAT = "%(asctime)s %(levelname)s [%(correlation_id)s] %(name)s: %(message)s"
# python-json-logger takes the fields from this format; ``rename_fields`` gives them stable names.
JSON_FIELDS = "%(asctime)s %(levelname)s %(name)s %(message)s %(correlation_id)s"


def configure(level: str = "INFO", fmt: str = "json") -> None:
    """Configure this process's logging (commands; ``gvi serve`` hands :func:`config` to its workers)."""
    logging.config.dictConfig(config(level, fmt))


def config(level: str = "INFO", fmt: str = "json") -> dict:
    """The ``logging.config.dictConfig`` dictionary."""
    formatter = (
        {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": JSON_FIELDS,
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger", "correlation_id": "request_id"},
            "timestamp": False,
        }
        if fmt == "json"
        else {"format": TEXT_FORMAT}
    )
    return {
            "version": 1,
            "disable_existing_loggers": False,
            "filters": {"request_id": {"()": "asgi_correlation_id.CorrelationIdFilter", "default_value": "-"},
                        # person data inside database error details never reaches the log
                        "redact": {"()": "api.redaction.RedactingFilter"}},
            "formatters": {"default": formatter},
            "handlers": {
                "console": {"class": "logging.StreamHandler", "filters": ["request_id", "redact"], "formatter": "default"}
            },
            "root": {"handlers": ["console"], "level": level},
            "loggers": {
                "uvicorn.access": {"handlers": [], "level": "WARNING", "propagate": False},
                "uvicorn.error": {"handlers": ["console"], "level": level, "propagate": False},
                "uvicorn": {"handlers": [], "propagate": True},
                "alembic": {"level": "WARNING"},  # /readyz reads the revision on every probe
            },
    }
