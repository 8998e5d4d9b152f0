"""National statistics tests: engines for the three national roles against the test database."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

from tenants.database import create_engine, session_factory
from tenants.settings import get_settings
from tests.identity.conftest import auth_settings, city, key_dir, nationals, sessions, web  # noqa: F401  (API fixtures)


def _engine(test_database, role: str) -> AsyncEngine:
    return create_engine(test_database.server.url_for(test_database.name, role), pool_size=2, max_overflow=2)


@pytest.fixture(scope="session")
async def writer_engine(test_database) -> AsyncIterator[AsyncEngine]:
    engine = _engine(test_database, get_settings().national_writer_role)
    yield engine
    await engine.dispose()


@pytest.fixture(scope="session")
async def publisher_engine(test_database) -> AsyncIterator[AsyncEngine]:
    engine = _engine(test_database, get_settings().national_publisher_role)
    yield engine
    await engine.dispose()


@pytest.fixture(scope="session")
async def national_engine(test_database) -> AsyncIterator[AsyncEngine]:
    engine = _engine(test_database, get_settings().national_role)
    yield engine
    await engine.dispose()


@pytest.fixture(scope="session")
def writer_sessions(writer_engine):
    return session_factory(writer_engine)


@pytest.fixture(scope="session")
def publisher_sessions(publisher_engine):
    return session_factory(publisher_engine)
