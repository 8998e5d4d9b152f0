"""The API IDEs (GraphiQL at ``GET /graphql``, Swagger UI at ``/docs``), development only.

Their browser code is served from this package (``static/``; the npm builds are copied into
``static/vendor/`` by ``vendor.mjs`` when the project is installed), never from a public CDN:
closed agency networks block those. The pages carry their own CSP: scripts from this server only.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

from api.errors import problem

STATIC = Path(__file__).parent / "static"
PREFIX = "/ide"
# The IDEs style themselves at run time (inline styles); every script comes from this server.
CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
       "font-src 'self' data:; connect-src 'self'; worker-src 'self' blob:; frame-ancestors 'none'; base-uri 'none'")

_PAGE = """<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>{title}</title>
  {styles}
  <style>html, body, #{root} {{ height: 100%; margin: 0; }}</style>
</head>
<body>
  <div id="{root}"></div>
  {scripts}
</body>
</html>
"""


def assets_installed() -> bool:
    return (STATIC / "vendor" / "graphiql.min.js").is_file() and (STATIC / "vendor" / "swagger-ui-bundle.js").is_file()


def _page(title: str, root: str, styles: list[str], scripts: list[str]) -> HTMLResponse:
    if not assets_installed():
        return problem(503, "Service unavailable",
                       "the IDE's browser assets are not installed: run `npm ci && npm run vendor` in api/ide")
    html = _PAGE.format(
        title=title, root=root,
        styles="\n  ".join(f'<link rel="stylesheet" href="{PREFIX}/{s}">' for s in styles),
        scripts="\n  ".join(f'<script src="{PREFIX}/{s}"></script>' for s in scripts),
    )
    return HTMLResponse(html, headers={"Content-Security-Policy": CSP})


def graphiql_page() -> HTMLResponse:
    return _page("GVI GraphQL", "graphiql", ["vendor/graphiql.min.css"],
                 ["vendor/react.production.min.js", "vendor/react-dom.production.min.js", "vendor/graphiql.min.js",
                  "graphiql-init.js"])


def swagger_page() -> HTMLResponse:
    return _page("GVI platform API", "swagger-ui", ["vendor/swagger-ui.css"], ["vendor/swagger-ui-bundle.js", "swagger-init.js"])


def install(app: FastAPI) -> None:
    """Serve the assets, GraphiQL at ``GET /graphql`` and Swagger UI at ``/docs`` (development only)."""
    app.mount(PREFIX, StaticFiles(directory=STATIC), name="ide")

    @app.get("/docs", include_in_schema=False)
    async def docs() -> HTMLResponse:
        return swagger_page()

    @app.get("/graphql", include_in_schema=False)
    async def graphiql() -> HTMLResponse:
        return graphiql_page()
