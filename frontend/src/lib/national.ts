// Pure helpers of the national screens (unit-tested with Vitest): aggregates only, never a person.

/** The nation's row in a release (kommunkod 0000). */
export const NATION = "0000";

/** The national measures, in the order the platform lists them (domain/national/measures.py). */
export const MEASURES = [
  "shootings_with_injury", "shootings_without_injury", "killed", "injured", "explosions", "call_ins_held", "clients_attending",
  "custom_notifications", "enforcement_home_visit", "enforcement_arrest", "enforcement_search", "enforcement_prosecution",
  "enforcement_probation_sanction", "enforcement_administrative", "support_offered", "support_accepted", "support_started",
  "support_completed", "people_reached", "people_on_focus_list",
];

export interface Value {
  measure: string;
  value?: number | null;
  flag?: string | null;
  ratePer100k?: number | null;
}
export interface Row {
  cityId: string;
  city: string;
  kommunkod: string;
  period: string;
  values: readonly Value[];
}
export interface CityInfo {
  id: string;
  name: string;
  kommunkod: string;
  population?: number | null;
}

/** A sum over the periods shown: `partial` when some periods were hidden (suppressed, not shared). */
export interface Total {
  value: number | null;
  partial: boolean;
  rate: number | null;
  flag: string | null;
}
export interface TotalsRow {
  cityId: string;
  city: string;
  kommunkod: string;
  population: number | null;
  totals: Record<string, Total>;
}

/**
 * Cities × measures over the period: each measure summed over the periods shown, the rate per 100,000
 * from the city's population (the nation's is the sum of the cities', as the server's report has it).
 * A sum of what was published hides nothing new; it is marked partial when some periods were withheld.
 * Distinct-person counts (not additive over months) are summed per period like the dashboard does.
 */
export function totalsByCity(rows: readonly Row[], measures: readonly string[], cities: readonly CityInfo[]): TotalsRow[] {
  const info = new Map(cities.map((c) => [c.id, c]));
  const known = cities.map((c) => c.population ?? null);
  const nationPopulation = known.length && known.every((p) => p) ? known.reduce((a, b) => (a ?? 0) + (b ?? 0), 0) : null;
  const out = new Map<string, TotalsRow>();
  for (const r of rows) {
    let row = out.get(r.cityId);
    if (!row) {
      const population = r.kommunkod === NATION ? nationPopulation : info.get(r.cityId)?.population ?? null;
      row = { cityId: r.cityId, city: r.city, kommunkod: r.kommunkod, population, totals: {} };
      for (const m of measures) row.totals[m] = { value: null, partial: false, rate: null, flag: null };
      out.set(r.cityId, row);
    }
    for (const v of r.values) {
      const total = row.totals[v.measure];
      if (!total) continue;
      if (v.value == null) {
        total.partial = true;
        total.flag = total.flag ?? v.flag ?? null;
      } else {
        total.value = (total.value ?? 0) + v.value;
      }
    }
  }
  const result = [...out.values()];
  for (const row of result) {
    for (const m of measures) {
      const total = row.totals[m];
      if (total.value == null) total.partial = false; // nothing at all: shown as its flag, not as a partial sum
      else total.flag = null;
      total.rate = total.value != null && row.population ? (total.value * 100_000) / row.population : null;
    }
  }
  // The nation first, then the cities by name (Swedish collation: å, ä, ö last).
  const collator = new Intl.Collator("sv");
  return result.sort((a, b) => (a.kommunkod === NATION ? -1 : b.kommunkod === NATION ? 1 : collator.compare(a.city, b.city)));
}

/** Every period of the rows, in order. */
export function periodsOf(rows: readonly Row[]): string[] {
  return [...new Set(rows.map((r) => r.period))].sort();
}

/** One city's (or the nation's) series of one measure over `periods`: null where withheld. */
export function seriesOf(rows: readonly Row[], cityId: string, measure: string, periods: readonly string[],
                         rate = false): (number | null)[] {
  const byPeriod = new Map<string, number | null>();
  for (const r of rows) {
    if (r.cityId !== cityId) continue;
    const v = r.values.find((x) => x.measure === measure);
    byPeriod.set(r.period, v ? (rate ? v.ratePer100k ?? null : v.value ?? null) : null);
  }
  return periods.map((p) => byPeriod.get(p) ?? null);
}

/** The period label (2019-11 or 2019) a calendar day falls in; null when outside the periods shown. */
export function periodOfDay(day: string | null | undefined, periods: readonly string[]): string | null {
  if (!day || !periods.length) return null;
  const label = day.slice(0, periods[0].length);
  return label >= periods[0] && label <= periods[periods.length - 1] ? label : null;
}

/** The month range YYYY-MM of a release, as the months between `from` and `to` (inclusive). */
export function monthsBetween(from: string, to: string): string[] {
  const [fy, fm] = from.split("-").map(Number);
  const [ty, tm] = to.split("-").map(Number);
  const out: string[] = [];
  for (let i = fy * 12 + fm - 1; i <= ty * 12 + tm - 1; i++) {
    out.push(`${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, "0")}`);
  }
  return out;
}

/** A YYYY-MM month `n` months before `month`. */
export function monthMinus(month: string, n: number): string {
  const [y, m] = month.split("-").map(Number);
  const i = y * 12 + m - 1 - n;
  return `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, "0")}`;
}

export interface EventTime {
  eventTime: number;
  effect: number;
  lower: number;
  upper: number;
}

/** An event-study plot's data: a CI band drawn as a stacked area (the lower end, then the width above it). */
export function eventStudyBand(points: readonly EventTime[]) {
  const sorted = [...points].sort((a, b) => a.eventTime - b.eventTime);
  return {
    times: sorted.map((p) => p.eventTime),
    effect: sorted.map((p) => p.effect),
    lower: sorted.map((p) => p.lower),
    width: sorted.map((p) => p.upper - p.lower),
  };
}

const decimals = (n: number) => new Intl.NumberFormat("sv-SE", { minimumFractionDigits: n, maximumFractionDigits: n });

/** A number with a decimal comma and a real minus sign (Swedish). */
export function formatDecimal(x: number | null | undefined, digits = 2): string {
  return x == null || Number.isNaN(x) ? "–" : decimals(digits).format(x);
}

/** An estimate with its 95 % interval: "0,72 (0,61–0,85)"; spaced when an end is negative ("−0,66 (−1,35 – −0,11)"). */
export function formatInterval(estimate: number, lower: number, upper: number, digits = 2): string {
  const dash = lower < 0 || upper < 0 ? " – " : "–";
  return `${formatDecimal(estimate, digits)} (${formatDecimal(lower, digits)}${dash}${formatDecimal(upper, digits)})`;
}

/** A rate ratio with its 95 % interval: "0,72 (0,61–0,85)". */
export const formatRatio = (ratio: number, lower: number, upper: number) => formatInterval(ratio, lower, upper);

/** A forest plot's range of rate ratios (1/16–16): an interval beyond it is drawn to the edge. */
export const RATIO_AXIS = { min: 1 / 16, max: 16 };
export const clampRatio = (x: number) => Math.min(RATIO_AXIS.max, Math.max(RATIO_AXIS.min, x));

/** A rate ratio as a change in per cent: 0,72 → "−28 %", 1,1 → "+10 %". */
export function ratioAsChange(ratio: number): string {
  const pct = Math.round((ratio - 1) * 100);
  return `${pct > 0 ? "+" : pct < 0 ? "−" : "±"}${Math.abs(pct)} %`;
}

/** Whether an interval excludes no effect (1 for ratios, 0 for differences). */
export function excludes(lower: number, upper: number, none: number): boolean {
  return upper < none || lower > none;
}

/** The first characters of a content hash, for a table (the whole one is shown on demand). */
export const shortHash = (hash: string, n = 12) => (hash.length > n ? `${hash.slice(0, n)}…` : hash);

/** How far a background release job has come, for a progress bar. */
export function jobProgress(status: string | null | undefined): number {
  switch (status) {
    case "queued": return 15;
    case "running": return 60;
    case "done":
    case "failed": return 100;
    default: return 0;
  }
}

export const jobFinished = (status: string | null | undefined) => status === "done" || status === "failed";

/** A file's bytes read with progress (0–1, or null when the server gave no size). */
export async function readWithProgress(response: Response, onProgress: (fraction: number | null, received: number) => void): Promise<Blob> {
  const size = Number(response.headers.get("Content-Length")) || 0;
  const type = response.headers.get("Content-Type") ?? "application/octet-stream";
  if (!response.body) {
    const blob = await response.blob();
    onProgress(1, blob.size);
    return blob;
  }
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let received = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    received += value.length;
    onProgress(size ? Math.min(received / size, 1) : null, received);
  }
  onProgress(1, received);
  return new Blob(chunks as BlobPart[], { type });
}

/** The file name the server gave (Content-Disposition), or a fallback. */
export function fileNameOf(response: Response, fallback: string): string {
  const header = response.headers.get("Content-Disposition") ?? "";
  const m = /filename="?([^";]+)"?/.exec(header);
  return m ? m[1] : fallback;
}

export interface ItsLike {
  rateRatio: number;
  lower: number;
  upper: number;
  model: string;
  dispersion: number;
  autocorrelationP: number;
  monthsAfter: number;
}

/** What a city's diagnostics say about its estimate (keys of national.effects.warnings). */
export function warningsOf(its: ItsLike): string[] {
  const out: string[] = [];
  if (its.model === "negative_binomial" || its.dispersion > 1.5) out.push("overdispersed");
  if (its.autocorrelationP < 0.05) out.push("autocorrelated");
  if (its.monthsAfter < 24) out.push("shortAfter");
  if (its.upper / its.lower > 3) out.push("wide");
  return out;
}
