"""Built-in effect evaluation from a release's exact event counts.

- **Interrupted time series, one city** (``its``): monthly counts with a Poisson GLM (log link, statsmodels),
  a linear trend, two Fourier harmonics for the season, and a level and slope change at the programme
  start. Standard errors are Newey–West (HAC, 3 lags), so residual autocorrelation does not shrink the
  interval; when the Pearson dispersion exceeds 1.5 the model is a negative binomial instead. The rate
  ratio of the level change is reported with its 95 % interval, diagnostics and what the design cannot show.
- **Staggered adoption across cities** (``staggered_did``): Callaway & Sant'Anna (2021) group-time effects
  ATT(g, t) with *not-yet-treated* cities as controls (never-treated included), on monthly rates per
  100,000 (counts where a population is missing), with the month before the start as the base; aggregated
  by event time (an event-study series with pre-periods as a placebo check) and overall. Intervals from a
  cluster bootstrap over cities. The overall effect is also given as a rate ratio: observed treated rate
  over the treated rate minus the effect.

Both are validated on synthetic panels with a known rate ratio (``domain.national.synthetic``, tests).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from domain.national.releases import month_range

CAVEATS_ITS = (
    "An interrupted time series compares a city with its own past: it cannot rule out regression to the mean after a "
    "peak, national trends that began at the same time, or concurrent police operations and other context events "
    "(shown beside the series). Few events per month make the interval wide; causality is not established.")
CAVEATS_DID = (
    "The staggered difference-in-differences compares cities that started with cities that had not started yet. It "
    "assumes their trends would have been parallel without the programme (check the pre-period effects: they should "
    "be near zero) and that cities did not choose their start because of a coming change. Cities differ in size and "
    "in how they record events; the effect is an average over cities and months since the start.")


@dataclass
class ItsResult:
    months: int
    months_before: int
    months_after: int
    rate_ratio: float
    lower: float
    upper: float
    slope_ratio_per_year: float
    model: str  # poisson | negative_binomial
    dispersion: float
    autocorrelation_p: float  # Ljung–Box (lag 12) p-value of the Pearson residuals
    caveats: str = CAVEATS_ITS


def its(counts: np.ndarray, start_index: int, *, min_before: int = 24, min_after: int = 12) -> ItsResult | None:
    """``counts[t]`` per month; the programme starts at ``start_index``. None without enough history."""
    import statsmodels.api as sm
    from statsmodels.stats.diagnostic import acorr_ljungbox

    y = np.asarray(counts, dtype=float)
    n = len(y)
    if start_index < min_before or n - start_index < min_after:
        return None
    t = np.arange(n, dtype=float)
    after = (t >= start_index).astype(float)
    since = np.where(after > 0, t - start_index, 0.0)
    season = [f(2 * np.pi * h * t / 12) for h in (1, 2) for f in (np.sin, np.cos)]
    x = sm.add_constant(np.column_stack([t / 12, *season, after, since / 12]))
    family = sm.families.Poisson()
    fit = sm.GLM(y, x, family=family).fit(cov_type="HAC", cov_kwds={"maxlags": 3})
    dispersion = float(fit.pearson_chi2 / max(fit.df_resid, 1))
    model = "poisson"
    if dispersion > 1.5:
        alpha = max((dispersion - 1) / max(y.mean(), 1e-9), 1e-3)
        fit = sm.GLM(y, x, family=sm.families.NegativeBinomial(alpha=alpha)).fit(cov_type="HAC", cov_kwds={"maxlags": 3})
        model = "negative_binomial"
    level, slope = 6, 7
    beta, se = float(fit.params[level]), float(fit.bse[level])
    resid = fit.resid_pearson
    lb = acorr_ljungbox(resid, lags=[min(12, n // 4)], return_df=True)
    return ItsResult(months=n, months_before=start_index, months_after=n - start_index, rate_ratio=float(np.exp(beta)),
                     lower=float(np.exp(beta - 1.96 * se)), upper=float(np.exp(beta + 1.96 * se)),
                     slope_ratio_per_year=float(np.exp(fit.params[slope])), model=model, dispersion=dispersion,
                     autocorrelation_p=float(lb["lb_pvalue"].iloc[0]))


@dataclass
class EventTimeEffect:
    event_time: int  # months since the start (negative: before, a placebo check)
    effect: float
    lower: float
    upper: float


@dataclass
class DidResult:
    cities: int
    treated: int
    cohorts: int
    effect: float  # average effect on the monthly rate (per 100,000 or count) after the start
    lower: float
    upper: float
    rate_ratio: float
    rate_ratio_lower: float
    rate_ratio_upper: float
    event_study: list[EventTimeEffect] = field(default_factory=list)
    outcome: str = "rate per 100,000"
    caveats: str = CAVEATS_DID


def _att(y: np.ndarray, start: np.ndarray, w: np.ndarray, window: range,
         min_pre: int) -> tuple[float, float, dict[int, float]] | None:
    """Overall ATT, the treated post mean (for the ratio) and the event-study series, for one sample.

    Means are weighted by ``w`` (population): a rate of a small town swings wildly month to month, and an
    unweighted mean would let a few of them dominate the effect and its interval."""
    n, months = y.shape
    cohorts = sorted({int(g) for g in start if 0 < g < months})
    never = months + 10**6
    g_of = np.where((start > 0) & (start < months), start, never)
    col = np.arange(months)
    num_e: dict[int, float] = {}
    den_e: dict[int, float] = {}
    total, weight, treated_y = 0.0, 0.0, 0.0
    for g in cohorts:
        if g < min_pre:
            continue
        treated = g_of == g
        if not treated.any():
            continue
        n_g = float(w[treated].sum())
        base = y[:, g - 1:g]
        diff = y - base
        # not yet treated at t (and never treated): G > t, excluding this cohort
        control = ((g_of[:, None] > col[None, :]) & ~treated[:, None]) * w[:, None]
        count = control.sum(axis=0)
        ok = count > 0
        control_mean = np.where(ok, (diff * control).sum(axis=0) / np.where(ok, count, 1), np.nan)
        att_gt = (diff[treated] * w[treated, None]).sum(axis=0) / n_g - control_mean
        for e in window:
            t = g + e
            if 0 <= t < months and ok[t] and t != g - 1:
                num_e[e] = num_e.get(e, 0.0) + n_g * att_gt[t]
                den_e[e] = den_e.get(e, 0.0) + n_g
        post = [t for t in range(g, months) if ok[t]]
        if post:
            total += n_g * float(np.sum(att_gt[post]))
            weight += n_g * len(post)
            treated_y += float((y[treated][:, post] * w[treated, None]).sum())
    if weight == 0:
        return None
    return total / weight, treated_y / weight, {e: num_e[e] / den_e[e] for e in sorted(num_e)}


def staggered_did(y: np.ndarray, start: np.ndarray, *, weights: np.ndarray | None = None, window: range = range(-12, 25),
                  reps: int = 199, seed: int = 20210401, min_pre: int = 6,
                  outcome: str = "rate per 100,000") -> DidResult | None:
    """``y[city, month]``; ``start[city]`` the month index of the programme start (0 or less / ≥ months: never);
    ``weights[city]`` (population) weight the means."""
    y = np.asarray(y, dtype=float)
    start = np.asarray(start)
    w = np.ones(y.shape[0]) if weights is None else np.asarray(weights, dtype=float)
    point = _att(y, start, w, window, min_pre)
    if point is None:
        return None
    effect, treated_mean, series = point
    rng = np.random.default_rng(seed)
    n = y.shape[0]
    boots, ratios, boot_series = [], [], {e: [] for e in series}
    for _ in range(reps):
        idx = rng.integers(0, n, n)
        b = _att(y[idx], start[idx], w[idx], window, min_pre)
        if b is None:
            continue
        boots.append(b[0])
        ratios.append(b[1] / (b[1] - b[0]) if b[1] - b[0] > 0 else np.nan)
        for e, v in b[2].items():
            if e in boot_series:
                boot_series[e].append(v)
    lo, hi = np.nanpercentile(boots, [2.5, 97.5])
    rlo, rhi = np.nanpercentile(ratios, [2.5, 97.5])
    treated = int(((start > 0) & (start < y.shape[1])).sum())
    counterfactual = treated_mean - effect
    return DidResult(
        cities=n, treated=treated, cohorts=len({int(g) for g in start if 0 < g < y.shape[1]}), effect=effect,
        lower=float(lo), upper=float(hi),
        rate_ratio=treated_mean / counterfactual if counterfactual > 0 else float("nan"),
        rate_ratio_lower=float(rlo), rate_ratio_upper=float(rhi),
        event_study=[EventTimeEffect(e, v, *(float(q) for q in np.nanpercentile(boot_series[e], [2.5, 97.5])))
                     for e, v in series.items() if boot_series[e]],
        outcome=outcome)


# --- from a release ----------------------------------------------------------------------------------


@dataclass
class CityEvaluation:
    city_id: str
    name: str
    kommunkod: str
    programme_started_on: str | None
    shootings: ItsResult | None
    killed_or_injured: ItsResult | None


@dataclass
class ReleaseEvaluation:
    release_id: int
    months: list[str]
    cities: list[CityEvaluation]
    shootings: DidResult | None
    killed_or_injured: DidResult | None


def evaluate(release_id: int, parameters: dict, cities: list[dict], rows: list[tuple[str, str, dict]],
             *, reps: int = 99) -> ReleaseEvaluation:
    """Evaluate a release: ``rows`` are (city id, period, values) of its monthly rows (event counts are exact)."""
    months = month_range(parameters["from"], parameters["to"])
    index = {t: i for i, t in enumerate(months)}
    order = [c["city_id"] for c in cities]
    pos = {c: i for i, c in enumerate(order)}
    shootings = np.zeros((len(order), len(months)))
    harmed = np.zeros((len(order), len(months)))
    for city_id, period, values in rows:
        if city_id in pos and period in index:
            i, t = pos[city_id], index[period]
            shootings[i, t] = (values.get("shootings_with_injury") or 0) + (values.get("shootings_without_injury") or 0)
            harmed[i, t] = (values.get("killed") or 0) + (values.get("injured") or 0)
    start = np.full(len(order), -1)
    for c in cities:
        s = c.get("programme_started_on")
        if s and s[:7] in index:
            start[pos[c["city_id"]]] = index[s[:7]]
    population = np.array([c.get("population") or 0 for c in cities], dtype=float)
    per_capita = bool(len(population)) and bool((population > 0).all())
    out = []
    for c in cities:
        i = pos[c["city_id"]]
        s = int(start[i])
        out.append(CityEvaluation(c["city_id"], c.get("name") or "", c.get("kommunkod") or "", c.get("programme_started_on"),
                                  its(shootings[i], s) if s > 0 else None, its(harmed[i], s) if s > 0 else None))

    def pooled(y: np.ndarray) -> DidResult | None:
        if per_capita:
            return staggered_did(y / (population[:, None] / 100_000), start, weights=population, reps=reps)
        return staggered_did(y, start, reps=reps, outcome="count")

    return ReleaseEvaluation(release_id, months, out, pooled(shootings), pooled(harmed))
