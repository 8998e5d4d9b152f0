"""Person names never reach the server log through a failing write's database error (issue 9.11)."""

from __future__ import annotations

import io
import logging
import uuid

import pytest
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import create_async_engine

from api.logging import TEXT_FORMAT as FORMAT
from api.redaction import RedactingFilter, redact
from domain.people.models import Person
from tenants.context import tenant_context
from tenants.database import create_engine, session_factory, transaction

GIVEN, FAMILY = "Zlatanius", "Testsson"


async def failing_write(engine, tenant_id) -> DBAPIError:
    """A write PostgreSQL refuses (a CHECK constraint: the app checks column limits itself before
    the database sees a value) whose error carries a person's name in its DETAIL."""
    try:
        with tenant_context(tenant_id), pytest.raises(DBAPIError) as caught:
            async with transaction(session_factory(engine)) as s:
                s.add(Person(id=uuid.uuid4(), tenant_id=tenant_id, given_name=GIVEN, family_name=FAMILY, birth_year=3000))
    finally:
        await engine.dispose()
    return caught.value


def logged(exc: BaseException) -> str:
    """What the production log handler (``api.logging``) writes for an unhandled error."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(RedactingFilter())
    handler.setFormatter(logging.Formatter(FORMAT.replace("[%(correlation_id)s] ", "")))
    logger = logging.getLogger("api.middleware.faults")
    logger.addHandler(handler)
    try:
        logger.error("unhandled error: %s", exc, exc_info=exc)
    finally:
        logger.removeHandler(handler)
    return stream.getvalue()


async def test_failing_write_logs_no_name(test_database, committed_tenant):
    exc = await failing_write(create_engine(test_database.app_url, pool_size=1, max_overflow=0), committed_tenant.id)
    assert "hide_parameters" in str(exc)  # the platform's engines never put parameters in errors
    written = logged(exc)
    assert "CheckViolationError" in written
    assert GIVEN not in written and FAMILY not in written


async def test_even_an_engine_printing_parameters_logs_no_name(test_database, committed_tenant):
    # A stray engine (a script, a future change) without hide_parameters: the log filter still holds.
    exc = await failing_write(create_async_engine(test_database.app_url), committed_tenant.id)
    assert FAMILY in str(exc)
    written = logged(exc)
    assert "[parameters: (redacted)]" in written
    assert GIVEN not in written and FAMILY not in written


def test_redact_patterns():
    assert redact('DETAIL:  Key (tenant_id, name)=(1b, Anna (Nisse) Ek) already exists.') == \
        'DETAIL:  Key (tenant_id, name)=(redacted) already exists.'
    assert redact("DETAIL:  Failing row contains (1, Anna, Ek).") == "DETAIL:  Failing row contains (redacted)."
    assert "Anna" not in redact("[parameters: ('Anna', 'Ek')]\n(Background on this error at: x)")
