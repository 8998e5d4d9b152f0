"""Published national releases, readable without signing in (``/public/releases…``).

Only a release whose latest publication entry is ``published`` is shown, and only its tables,
methodology and data dictionary. Reads go through the national role (SELECT on the national schema);
every address is rate-limited per client address (``GVI_PUBLIC_RATE_LIMIT_PER_MINUTE``).
"""

from __future__ import annotations

import html

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, Response

from api.db import Database
from api.ratelimit import spend
from domain.national import export, releases
from domain.national.measures import NATIONAL_MEASURES
from tenants import ratelimit
from tenants.database import transaction

router = APIRouter(prefix="/public", tags=["public"])


async def _limit(request: Request) -> None:
    settings = request.app.state.settings
    capacity = settings.public_rate_limit_per_minute
    address = request.client.host if request.client else "unknown"
    decision = await spend(request, subject=ratelimit.subject_hash("public", address), capacity=capacity)
    if not decision.allowed:
        raise HTTPException(429, f"rate limit of {capacity} requests per minute exceeded; retry after {decision.retry_after} s",
                            headers={"Retry-After": str(decision.retry_after)})


async def _published(request: Request, release_id: int, *, with_rows: bool = True):
    database: Database = request.app.state.database
    async with transaction(database.national.reader_sessions) as session:
        if not await releases.is_published(session, release_id):
            raise HTTPException(404, f"release {release_id} is not published")
        release = await releases.get(session, release_id)
        rows = await releases.rows(session, release_id) if with_rows else []
    return release, rows


def _page(title: str, body: str) -> HTMLResponse:
    return HTMLResponse(f"""<!doctype html><html lang="sv"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>{html.escape(title)}</title>
<style>body{{font-family:system-ui,sans-serif;margin:2rem;max-width:80rem}}table{{border-collapse:collapse;font-size:.85rem}}
td,th{{border:1px solid #ccc;padding:.2rem .4rem;text-align:right}}th{{background:#f3f3f3}}td:first-child,th:first-child{{text-align:left}}
.s{{color:#888}}</style></head><body>{body}</body></html>""")


@router.get("/releases", response_class=HTMLResponse)
async def list_releases(request: Request) -> HTMLResponse:
    await _limit(request)
    database: Database = request.app.state.database
    async with transaction(database.national.reader_sessions) as session:
        state = await releases.publication_state(session)
        items = [r for r in await releases.listing(session) if state.get(r.id) and state[r.id].action == "published"]
    lines = "".join(
        f'<li><a href="/public/releases/{r.id}">Release {r.id}</a>: {html.escape(r.parameters["from"])} – '
        f'{html.escape(r.parameters["to"])}, {len(r.cities)} cities (k = {r.parameters["k"]}); '
        f'<a href="/public/releases/{r.id}.csv">CSV</a> · <a href="/public/releases/{r.id}.xlsx">XLSX</a> · '
        f'<a href="/public/releases/{r.id}.json">JSON</a></li>' for r in items)
    return _page("Sluta skjut — national releases", f"<h1>Sluta skjut: national releases</h1><ul>{lines or '<li>none yet</li>'}</ul>")


@router.get("/releases/{name}")
async def release(request: Request, name: str) -> Response:
    await _limit(request)
    stem, _, fmt = name.partition(".")
    try:
        release_id = int(stem)
    except ValueError:
        raise HTTPException(404, "no such release") from None
    if fmt:
        if fmt not in export.FORMATS:
            raise HTTPException(404, f"no format {fmt!r}: csv, xlsx or json")
        r, rows = await _published(request, release_id)
        media, ext = export.FORMATS[fmt]
        return Response(export.render(r, rows, fmt), media_type=media, headers={
            "Content-Disposition": f'attachment; filename="gvi-release-{release_id}.{ext}"'})
    r, rows = await _published(request, release_id)
    records = [x for x in export.table(r, rows) if len(x["period"]) == 4]  # the yearly table; months in the downloads
    head = "".join(f"<th>{html.escape(m)}</th>" for m in NATIONAL_MEASURES)
    body_rows = []
    for x in records:
        cells = "".join(f"<td>{x[m]}</td>" if x[m] is not None else f'<td class="s" title="{x[m + "_flag"]}">–</td>'
                        for m in NATIONAL_MEASURES)
        body_rows.append(f"<tr><td>{html.escape(x['city'])} ({x['kommunkod']})</td><td>{x['period']}</td>{cells}</tr>")
    words = "".join(f"<dt>{html.escape(d['column'])}</dt><dd>{html.escape(d['meaning'])}</dd>" for d in releases.dictionary(r.method))
    return _page(f"Release {release_id}", f"""<h1>Sluta skjut: national release {release_id}</h1>
<p>{html.escape(r.parameters['from'])} – {html.escape(r.parameters['to'])}; k = {r.parameters['k']};
content hash <code>{r.content_hash}</code>. Downloads (every month): <a href="/public/releases/{release_id}.csv">CSV</a> ·
<a href="/public/releases/{release_id}.xlsx">XLSX</a> · <a href="/public/releases/{release_id}.json">JSON</a></p>
<p>{html.escape(r.methodology)}</p><h2>Yearly totals</h2><table><tr><th>city</th><th>period</th>{head}</tr>{''.join(body_rows)}</table>
<h2>Data dictionary</h2><dl>{words}</dl>""")
