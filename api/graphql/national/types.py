"""National GraphQL types: cities as the nation sees them, releases, their tables, reports, jobs."""

from __future__ import annotations

import enum
from datetime import date, datetime

import strawberry
from strawberry.types import Info

from domain.national import releases
from domain.national import report as report_service
from domain.national.models import CityContextEvent, CityProfile, Release, ReleaseJob, SharingAgreement


@strawberry.enum(description="Periods of a national report.")
class ReportPeriod(enum.Enum):
    MONTH = "month"
    YEAR = "year"


@strawberry.type(description="A dated context event a city marked for national evaluation (kind and dates only).")
class NationalContextEvent:
    kind: str
    started_on: date
    ended_on: date | None

    @classmethod
    def from_row(cls, row: CityContextEvent) -> NationalContextEvent:
        return cls(kind=row.kind, started_on=row.started_on, ended_on=row.ended_on)


@strawberry.type(description="A city that shares national statistics (or did): no person data, no free text.")
class NationalCity:
    id: strawberry.ID = strawberry.field(description="The city's id (stable across releases).")
    name: str
    kommunkod: str
    population: int | None
    population_year: int | None
    programme_started_on: date | None = strawberry.field(description="The programme's start: the break in evaluations.")
    phase: str | None
    phase_started_on: date | None
    sharing: str = strawberry.field(description="in_force, paused or none.")
    sharing_since: date | None
    measures: list[str] = strawberry.field(description="The measures its agreement covers.")
    context_events: list[NationalContextEvent]

    @classmethod
    def from_row(cls, row: CityProfile, events: list[CityContextEvent] | None = None) -> NationalCity:
        return cls(id=strawberry.ID(str(row.city_id)), name=row.name, kommunkod=row.kommunkod, population=row.population,
                   population_year=row.population_year, programme_started_on=row.programme_started_on, phase=row.phase,
                   phase_started_on=row.phase_started_on, sharing=row.sharing, sharing_since=row.sharing_since,
                   measures=list(row.measures), context_events=[NationalContextEvent.from_row(e) for e in events or []])


@strawberry.type(description="One number of a table: null with a flag when suppressed, not shared or not available.")
class ReportValue:
    measure: str
    value: int | None
    flag: str | None = strawberry.field(description="suppressed, not_shared or not_available (no yearly distinct counts); "
                                                    "null when the value is there.")
    rate_per_100k: float | None = strawberry.field(description="value per 100,000 inhabitants, where the population is known.")


@strawberry.type(description="One city (or the nation: kommunkod 0000) in one period.")
class ReportRow:
    city_id: strawberry.ID
    city: str
    kommunkod: str
    period: str = strawberry.field(description="2019-11 or 2019.")
    values: list[ReportValue]


@strawberry.type(description="Cities × measures × periods from one release, national totals included.")
class NationalReport:
    release_id: int
    per: ReportPeriod
    measures: list[str]
    cities: list[NationalCity] = strawberry.field(description="The release's cities with programme start and context events.")
    rows: list[ReportRow]

    @classmethod
    def from_report(cls, r: report_service.Report, names: dict) -> NationalReport:
        events = r.events
        return cls(
            release_id=r.release_id, per=ReportPeriod(r.per), measures=r.measures,
            cities=[NationalCity.from_row(c, events.get(c.city_id)) for c in r.cities],
            rows=[ReportRow(city_id=strawberry.ID(str(row.city_id)), city=names.get(row.city_id, ("", ""))[0],
                            kommunkod=names.get(row.city_id, ("", ""))[1], period=row.period,
                            values=[ReportValue(measure=c.measure, value=c.value, flag=c.flag, rate_per_100k=c.rate_per_100k)
                                    for c in row.cells]) for row in r.rows],
        )


@strawberry.type(description="An entry of a release's data dictionary.")
class DictionaryEntry:
    column: str
    meaning: str


@strawberry.enum(description="How a release protects person counts.")
class ReleaseMethodName(enum.Enum):
    SUPPRESSION = "suppression"  # primary and secondary cell suppression with an interval audit
    CELL_KEY = "cell_key"  # cell-key perturbation with a published perturbation table


@strawberry.type(description="The method and parameters a release was protected with.")
class ReleaseMethod:
    name: str = strawberry.field(description="suppression: primary and secondary cell suppression with an interval audit; "
                                             "cell_key: cell-key perturbation (see description for the table).")
    k: int = strawberry.field(description="Person counts 0 < n < k are suppressed (suppression) or never published (cell_key).")
    protection: int = strawberry.field(description="Every suppressed person count's feasible interval is at least this wide.")
    d: int | None = strawberry.field(default=None, description="cell_key: the largest perturbation D.")
    v: float | None = strawberry.field(default=None, description="cell_key: the perturbation's variance V.")
    description: str


@strawberry.type(description="An immutable national release. Read its tables, not the live aggregate.")
class NationalRelease:
    id: int
    created_at: datetime
    created_by: str
    watermark: int = strawberry.field(description="The refresh run the data were taken at.")
    period_from: str
    period_to: str
    hash: str = strawberry.field(description="SHA-256 of the release's content; recomputing it gives the same.")
    rows: int
    published: bool
    method: ReleaseMethod
    cities: list[NationalCity] = strawberry.field(description="The cities as they were in the release.")

    @strawberry.field(description="This release's table rows, optionally for one city (kommunkod; 0000 = the national "
                                  "totals) and a period range (YYYY-MM or YYYY). Suppressed cells are null and flagged.")
    async def tables(self, info: Info, kommunkod: str | None = None, period_from: str | None = None,
                     period_to: str | None = None, per: ReportPeriod = ReportPeriod.MONTH) -> list[ReportRow]:
        from api.graphql.national.queries import release_tables  # that module builds on these types

        return await release_tables(info, self.id, kommunkod, period_from, period_to, per)

    @strawberry.field(description="The data dictionary of this release's tables, in the words of its method.")
    def dictionary(self) -> list[DictionaryEntry]:
        return [DictionaryEntry(column=d["column"], meaning=d["meaning"]) for d in releases.dictionary(self.method.name)]

    @classmethod
    def from_row(cls, r: Release, published: bool) -> NationalRelease:
        p = r.parameters
        cities = [NationalCity(id=strawberry.ID(c["city_id"]), name=c.get("name") or "", kommunkod=c.get("kommunkod") or "",
                               population=c.get("population"), population_year=None,
                               programme_started_on=date.fromisoformat(c["programme_started_on"])
                               if c.get("programme_started_on") else None,
                               phase=None, phase_started_on=None, sharing="in_force", sharing_since=None, measures=[],
                               context_events=[]) for c in r.cities]
        return cls(id=r.id, created_at=r.created_at, created_by=r.created_by, watermark=r.watermark, period_from=p["from"],
                   period_to=p["to"], hash=r.content_hash, rows=r.rows, published=published,
                   method=ReleaseMethod(name=r.method, k=p["k"], protection=p["protection"], d=p.get("d"), v=p.get("v"),
                                         description=r.methodology),
                   cities=cities)


@strawberry.type(description="A requested release, created in the background; poll `national.releaseJob(id)`.")
class ReleaseJobNode:
    id: strawberry.ID
    status: str = strawberry.field(description="queued, running, done or failed.")
    release_id: int | None
    error: str | None
    requested_at: datetime
    requested_by: str

    @classmethod
    def from_row(cls, j: ReleaseJob) -> ReleaseJobNode:
        return cls(id=strawberry.ID(str(j.id)), status=j.status, release_id=j.release_id, error=j.error,
                   requested_at=j.requested_at, requested_by=j.requested_by)


@strawberry.type(description="A city's national sharing agreement, as its coordinator recorded it.")
class NationalSharingAgreement:
    id: strawberry.ID
    reference: str = strawberry.field(description="The agreement's reference (diarienummer).")
    signatory: str
    signed_on: date
    measures: list[str]
    recorded_by: str
    recorded_at: datetime
    in_force: bool
    paused_at: datetime | None
    paused_by: str | None

    @classmethod
    def from_row(cls, a: SharingAgreement) -> NationalSharingAgreement:
        return cls(id=strawberry.ID(str(a.id)), reference=a.reference, signatory=a.signatory, signed_on=a.signed_on,
                   measures=list(a.measures), recorded_by=a.recorded_by, recorded_at=a.recorded_at,
                   in_force=a.paused_at is None, paused_at=a.paused_at, paused_by=a.paused_by)


@strawberry.type(description="An interrupted time series of one city (Poisson or negative binomial, season, trend, level "
                             "and slope change at the programme start; Newey–West errors).")
class ItsEstimate:
    rate_ratio: float = strawberry.field(description="Level change at the start as a rate ratio (0.7 = 30 % fewer).")
    lower: float = strawberry.field(description="95 % confidence interval, lower end.")
    upper: float
    slope_ratio_per_year: float
    model: str
    dispersion: float = strawberry.field(description="Pearson dispersion (above 1.5 the model is negative binomial).")
    autocorrelation_p: float = strawberry.field(description="Ljung–Box p-value of the residuals (small: autocorrelated).")
    months_before: int
    months_after: int
    caveats: str


@strawberry.type(description="Effect by months since the start (negative: before it, a placebo check that should be near 0).")
class EventTimeEstimate:
    event_time: int
    effect: float
    lower: float
    upper: float


@strawberry.type(description="Staggered-adoption difference-in-differences (Callaway & Sant'Anna, not-yet-treated controls).")
class DidEstimate:
    outcome: str
    cities: int
    treated: int
    cohorts: int
    effect: float = strawberry.field(description="Average effect on the monthly outcome after the start.")
    lower: float
    upper: float
    rate_ratio: float
    rate_ratio_lower: float
    rate_ratio_upper: float
    event_study: list[EventTimeEstimate] = strawberry.field(description="The series the UI plots.")
    caveats: str


@strawberry.type(description="One city's interrupted time series (null where history is too short: 24 months before, 12 after).")
class CityEvaluationNode:
    city_id: strawberry.ID
    name: str
    kommunkod: str
    programme_started_on: str | None
    shootings: ItsEstimate | None
    killed_or_injured: ItsEstimate | None


@strawberry.type(description="The built-in effect evaluation of a release (confirmed shootings; people killed or injured).")
class NationalEvaluation:
    release_id: int
    cities: list[CityEvaluationNode]
    shootings: DidEstimate | None
    killed_or_injured: DidEstimate | None


def _its(r) -> ItsEstimate | None:
    if r is None:
        return None
    return ItsEstimate(rate_ratio=r.rate_ratio, lower=r.lower, upper=r.upper, slope_ratio_per_year=r.slope_ratio_per_year,
                       model=r.model, dispersion=r.dispersion, autocorrelation_p=r.autocorrelation_p,
                       months_before=r.months_before, months_after=r.months_after, caveats=r.caveats)


def _did(r) -> DidEstimate | None:
    if r is None:
        return None
    return DidEstimate(outcome=r.outcome, cities=r.cities, treated=r.treated, cohorts=r.cohorts, effect=r.effect,
                       lower=r.lower, upper=r.upper, rate_ratio=r.rate_ratio, rate_ratio_lower=r.rate_ratio_lower,
                       rate_ratio_upper=r.rate_ratio_upper, caveats=r.caveats,
                       event_study=[EventTimeEstimate(event_time=e.event_time, effect=e.effect, lower=e.lower, upper=e.upper)
                                    for e in r.event_study])


def evaluation_node(e) -> NationalEvaluation:
    return NationalEvaluation(
        release_id=e.release_id, shootings=_did(e.shootings), killed_or_injured=_did(e.killed_or_injured),
        cities=[CityEvaluationNode(city_id=strawberry.ID(c.city_id), name=c.name, kommunkod=c.kommunkod,
                                   programme_started_on=c.programme_started_on, shootings=_its(c.shootings),
                                   killed_or_injured=_its(c.killed_or_injured)) for c in e.cities])
