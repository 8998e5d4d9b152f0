"""Log lines carry the request id of the request that produced them, and never person data
(see ``api.redaction``)."""

from __future__ import annotations

import logging.config

FORMAT = "%(asctime)s %(levelname)s [%(correlation_id)s] %(name)s: %(message)s"


def configure(level: str = "INFO") -> None:
    logging.config.dictConfig(
        {
            "version": 1,
            "disable_existing_loggers": False,
            "filters": {"request_id": {"()": "asgi_correlation_id.CorrelationIdFilter", "default_value": "-"},
                        # person data inside database error details never reaches the log
                        "redact": {"()": "api.redaction.RedactingFilter"}},
            "formatters": {"default": {"format": FORMAT}},
            "handlers": {
                "console": {"class": "logging.StreamHandler", "filters": ["request_id", "redact"], "formatter": "default"}
            },
            "root": {"handlers": ["console"], "level": level},
            "loggers": {
                "uvicorn.access": {"handlers": ["console"], "level": level, "propagate": False},
                "uvicorn.error": {"handlers": ["console"], "level": level, "propagate": False},
                "uvicorn": {"handlers": [], "propagate": True},
                "alembic": {"level": "WARNING"},  # /readyz reads the revision on every probe
            },
        }
    )
