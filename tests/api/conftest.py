from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest

from api.app import create_app
from tenants.settings import Settings


@pytest.fixture
async def client(test_database) -> AsyncIterator[httpx.AsyncClient]:
    app = create_app(Settings(env="test"), app_database_url=test_database.app_url)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as c:
            yield c
