"""GVI_PUBLIC_URL defaults to the address actually served (issue 10.5)."""

from __future__ import annotations

import httpx

from api.app import create_app
from tenants.settings import Settings


def test_default_follows_host_and_port(monkeypatch):
    monkeypatch.delenv("GVI_PUBLIC_URL", raising=False)
    monkeypatch.setenv("GVI_PORT", "19080")
    assert Settings().public_url == "http://127.0.0.1:19080"
    monkeypatch.setenv("GVI_HOST", "0.0.0.0")
    assert Settings().public_url == "http://127.0.0.1:19080"  # a wildcard is not an address to call
    monkeypatch.setenv("GVI_HOST", "gvi.local")
    assert Settings().public_url == "http://gvi.local:19080"
    monkeypatch.setenv("GVI_PUBLIC_URL", "https://gvi.example.se")
    assert Settings().public_url == "https://gvi.example.se"  # an explicit public URL always wins


async def test_oauth_metadata_advertises_the_served_port(test_database, monkeypatch):
    monkeypatch.delenv("GVI_PUBLIC_URL", raising=False)
    app = create_app(Settings(env="test", port=19080), app_database_url=test_database.app_url)
    async with app.router.lifespan_context(app):
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as c:
            meta = (await c.get("/.well-known/oauth-authorization-server")).json()
    assert meta["token_endpoint"] == "http://127.0.0.1:19080/oauth/token"
    assert meta["issuer"] == "http://127.0.0.1:19080"
