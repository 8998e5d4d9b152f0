"""GraphiQL and Swagger UI load everything from this server, never a public CDN (issue 10.10)."""

from __future__ import annotations

import re

import httpx
import pytest

from api.app import create_app
from tenants.settings import Settings


@pytest.mark.parametrize(("path", "marker"), [("/graphql", "graphiql"), ("/docs", "swagger-ui")])
async def test_ide_pages_load_only_local_assets(test_database, path, marker):
    app = create_app(Settings(env="development"), app_database_url=test_database.app_url)
    async with app.router.lifespan_context(app):
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://testserver") as c:
            page = await c.get(path, headers={"Accept": "text/html"})
            assert page.status_code == 200, page.text
            assert f'id="{marker}"' in page.text
            assert "script-src 'self';" in page.headers["content-security-policy"]
            sources = re.findall(r'(?:src|href)="([^"]+)"', page.text)
            assert sources and all(s.startswith("/ide/") for s in sources), sources
            assert "unpkg" not in page.text and "jsdelivr" not in page.text and "<script>" not in page.text
            for source in sources:
                asset = await c.get(source)
                assert asset.status_code == 200 and len(asset.content) > 100, source
            if path == "/docs":
                assert (await c.get("/openapi.json")).status_code == 200


async def test_no_ide_in_production(test_database):
    app = create_app(Settings(env="production"), app_database_url=test_database.app_url)
    async with app.router.lifespan_context(app):
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://testserver") as c:
            assert (await c.get("/docs")).status_code == 404
            assert (await c.get("/ide/vendor/graphiql.min.js")).status_code == 404
