"""``national { … }`` for national users, ``nationalSharing`` for a city's coordinator."""

from __future__ import annotations

import asyncio
import uuid
from typing import Annotated

import strawberry
from sqlalchemy import text
from strawberry.types import Info

from api.graphql.national.types import (
    DictionaryEntry,
    NationalCity,
    NationalEvaluation,
    NationalRelease,
    NationalReport,
    NationalSharingAgreement,
    ReleaseJobNode,
    ReportPeriod,
    ReportRow,
    ReportValue,
    evaluation_node,
)
from api.graphql.permissions import Requires
from api.national import record_action
from domain.identity.permissions import Category
from domain.national import agreements, evaluation, releases
from domain.national import report as report_service
from domain.national.models import ReleaseJob
from tenants.database import transaction
from tenants.errors import NotFound, ValidationFailed


async def audit_national(info: Info, action: str, obj: str | None = None, details: dict | None = None) -> None:
    """One entry in the national action log (its own short transaction, as the publisher role)."""
    context = info.context
    await record_action(context.national.publisher_sessions, context.principal, action, obj, details, context.request_id)


async def release_tables(info: Info, release_id: int, kommunkod: str | None, period_from: str | None,
                         period_to: str | None, per: ReportPeriod) -> list[ReportRow]:
    """One release's rows as ``national.tables`` and ``release(id) { tables }`` answer them (audited)."""
    async with info.context.db() as session:
        release = await releases.get(session, release_id)
        names = {uuid.UUID(c["city_id"]): (c.get("name") or "", c.get("kommunkod") or "") for c in release.cities}
        names[releases.NATION_UUID] = ("Sverige", "0000")
        ids = [cid for cid, (_, code) in names.items() if code == kommunkod] if kommunkod else None
        rows = await report_service.release_rows(session, release_id, ids)
    length = 7 if per is ReportPeriod.MONTH else 4
    out = []
    for r in rows:
        if len(r.period) != length or (period_from and r.period < period_from[:length]) or (
                period_to and r.period > period_to[:length]):
            continue
        values = [ReportValue(measure=m, value=v, flag=None if v is not None else "suppressed", rate_per_100k=None)
                  for m, v in r.values.items()]
        out.append(ReportRow(city_id=strawberry.ID(str(r.city_id)), city=names.get(r.city_id, ("", ""))[0],
                             kommunkod=names.get(r.city_id, ("", ""))[1], period=r.period, values=values))
    await audit_national(info, "release.read", f"release:{release_id}", {"rows": len(out)})
    return out


_EVALUATIONS: dict = {}  # (release id, hash) -> evaluation: a release never changes


def _uuid(value: str | None, field: str) -> uuid.UUID | None:
    if value is None:
        return None
    try:
        return uuid.UUID(str(value))
    except ValueError:
        raise ValidationFailed.single(field, "not_an_id", "not a city id") from None


@strawberry.type(description="National statistics: cities, releases and their tables, reports, evaluations. Everything "
                             "here comes from protected releases or city profiles; no person, no free text.")
class NationalQuery:
    @strawberry.field(description="The database role this request reads as: always the national role, which has no "
                                  "privilege on any city table.")
    async def database_role(self, info: Info) -> str:
        async with info.context.db() as session:
            return str(await session.scalar(text("select current_user")))

    @strawberry.field(description="Cities that share (or shared) national statistics, by name.")
    async def cities(self, info: Info) -> list[NationalCity]:
        async with info.context.db() as session:
            profiles, events = await report_service.city_profiles(session)
        await audit_national(info, "cities.read", None, {"cities": len(profiles)})
        return [NationalCity.from_row(p, events.get(p.city_id)) for p in profiles]

    @strawberry.field(description="Every release, newest first.")
    async def releases(self, info: Info) -> list[NationalRelease]:
        async with info.context.db() as session:
            items = await releases.listing(session)
            state = await releases.publication_state(session)
        await audit_national(info, "releases.read", None, {"releases": len(items)})
        return [NationalRelease.from_row(r, bool(state.get(r.id) and state[r.id].action == "published")) for r in items]

    @strawberry.field(description="One release; null when there is none with that id.")
    async def release(self, info: Info, id: int) -> NationalRelease | None:
        async with info.context.db() as session:
            try:
                r = await releases.get(session, id)
            except NotFound:
                return None
            published = await releases.is_published(session, id)
        await audit_national(info, "release.get", f"release:{id}")
        return NationalRelease.from_row(r, published)

    @strawberry.field(description="A release's data dictionary (the same for every release of this version).")
    def dictionary(self) -> list[DictionaryEntry]:
        return [DictionaryEntry(column=d["column"], meaning=d["meaning"]) for d in releases.dictionary()]

    @strawberry.field(description="A release's table rows (default: the newest release), optionally for one city "
                                  "(kommunkod; 0000 = the national totals) and a period range (YYYY-MM or YYYY). "
                                  "Suppressed cells are null and flagged.")
    async def tables(self, info: Info, release_id: int | None = None, kommunkod: str | None = None,
                     period_from: str | None = None, period_to: str | None = None,
                     per: ReportPeriod = ReportPeriod.MONTH) -> list[ReportRow]:
        async with info.context.db() as session:
            release_id = release_id or await report_service.latest_release_id(session)
        if release_id is None:
            return []
        return await release_tables(info, release_id, kommunkod, period_from, period_to, per)

    @strawberry.field(description="The cross-city report from a release (default: the newest): cities × measures × periods, "
                                  "national totals (kommunkod 0000), rates per 100,000, programme starts and context events.")
    async def report(self, info: Info, measures: list[str] | None = None,
                     from_: Annotated[str | None, strawberry.argument(name="from")] = None, to: str | None = None,
                     per: ReportPeriod = ReportPeriod.MONTH,
                     release_id: int | None = None, cities: list[strawberry.ID] | None = None) -> NationalReport | None:
        async with info.context.db() as session:
            rid = release_id or await report_service.latest_release_id(session)
            if rid is None:
                return None
            r = await report_service.build(session, release_id=rid, measures=measures, start=from_, end=to, per=per.value,
                                           cities=[_uuid(c, "cities") for c in cities] if cities else None)
            release = await releases.get(session, rid)
        names = {uuid.UUID(c["city_id"]): (c.get("name") or "", c.get("kommunkod") or "") for c in release.cities}
        names[releases.NATION_UUID] = ("Sverige", "0000")
        await audit_national(info, "report.read", f"release:{rid}", {"measures": r.measures, "per": r.per})
        return NationalReport.from_report(r, names)

    @strawberry.field(description="The built-in effect evaluation of a release (default: the newest): an interrupted time "
                                  "series per city with enough history and a staggered difference-in-differences across "
                                  "cities with its event-study series. Computed once per release (releases never change).")
    async def evaluation(self, info: Info, release_id: int | None = None) -> NationalEvaluation | None:
        async with info.context.db() as session:
            rid = release_id or await report_service.latest_release_id(session)
            if rid is None:
                return None
            release = await releases.get(session, rid)
            cached = _EVALUATIONS.get((rid, release.content_hash))
            if cached is None:
                rows = [(str(r.city_id), r.period, r.values) for r in await releases.rows(session, rid) if len(r.period) == 7]
        if cached is None:
            cached = await asyncio.to_thread(evaluation.evaluate, rid, release.parameters, release.cities, rows)
            _EVALUATIONS[(rid, release.content_hash)] = cached
        await audit_national(info, "evaluation.read", f"release:{rid}")
        return evaluation_node(cached)

    @strawberry.field(description="A requested release's progress.")
    async def release_job(self, info: Info, id: strawberry.ID) -> ReleaseJobNode | None:
        job_id = _uuid(id, "id")
        # A job whose worker was killed is marked failed first (the publisher may; this reader may not).
        async with transaction(info.context.national.publisher_sessions) as session:
            await releases.reap_interrupted(session)
        async with info.context.db() as session:
            job = await session.get(ReleaseJob, job_id)
        return ReleaseJobNode.from_row(job) if job else None


@strawberry.type
class NationalQueries:
    @strawberry.field(description="National statistics (national coordinators and evaluators).",
                      extensions=[Requires(Category.releases)])
    def national(self, info: Info) -> NationalQuery:
        return NationalQuery()

    @strawberry.field(description="The caller's city's national sharing agreement: the latest one, in force unless paused; "
                                  "null when the city has never recorded one.", extensions=[Requires(Category.administration)])
    async def national_sharing(self, info: Info) -> NationalSharingAgreement | None:
        async with info.context.db() as session:
            row = await agreements.current(session)
        return NationalSharingAgreement.from_row(row) if row else None
