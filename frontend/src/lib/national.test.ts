import { describe, expect, it } from "vitest";
import { nationalEn, nationalSv } from "../i18n/national";
import {
  clampRatio, eventStudyBand, excludes, formatInterval, fileNameOf, formatDecimal, formatRatio, jobFinished, jobProgress, MEASURES, monthMinus, monthsBetween,
  periodOfDay, periodsOf, ratioAsChange, readWithProgress, seriesOf, shortHash, totalsByCity, warningsOf, type Row,
} from "./national";

const nbsp = (s: string) => s.replace(/\s/g, " ");

const rows: Row[] = [
  { cityId: "m", city: "Malmö", kommunkod: "1280", period: "2024-01",
    values: [{ measure: "killed", value: 2, ratePer100k: 0.6 }, { measure: "support_offered", value: null, flag: "suppressed" }] },
  { cityId: "m", city: "Malmö", kommunkod: "1280", period: "2024-02",
    values: [{ measure: "killed", value: 1, ratePer100k: 0.3 }, { measure: "support_offered", value: 7 }] },
  { cityId: "a", city: "Avesta", kommunkod: "2084", period: "2024-01",
    values: [{ measure: "killed", value: 0 }, { measure: "support_offered", value: null, flag: "not_shared" }] },
  { cityId: "n", city: "Sverige", kommunkod: "0000", period: "2024-01",
    values: [{ measure: "killed", value: 2 }, { measure: "support_offered", value: 12 }] },
  { cityId: "n", city: "Sverige", kommunkod: "0000", period: "2024-02",
    values: [{ measure: "killed", value: 1 }, { measure: "support_offered", value: 9 }] },
];
const cities = [
  { id: "m", name: "Malmö", kommunkod: "1280", population: 300_000 },
  { id: "a", name: "Avesta", kommunkod: "2084", population: 20_000 },
];

describe("cities × measures", () => {
  const totals = totalsByCity(rows, ["killed", "support_offered"], cities);
  it("puts the nation first, then cities by Swedish name", () => {
    expect(totals.map((t) => t.city)).toEqual(["Sverige", "Avesta", "Malmö"]);
  });
  it("sums the periods and gives rates per 100,000 from the population", () => {
    const malmo = totals[2];
    expect(malmo.totals.killed).toEqual({ value: 3, partial: false, rate: 1, flag: null });
    expect(totals[0].population).toBe(320_000);
    expect(totals[0].totals.killed.rate).toBeCloseTo(3 * 100_000 / 320_000);
  });
  it("marks a sum with withheld periods partial, and an all-withheld one by its flag", () => {
    expect(totals[2].totals.support_offered).toMatchObject({ value: 7, partial: true, flag: null });
    expect(totals[1].totals.support_offered).toEqual({ value: null, partial: false, rate: null, flag: "not_shared" });
  });
  it("has no population rate when the population is unknown", () => {
    const t = totalsByCity(rows, ["killed"], [{ id: "m", name: "Malmö", kommunkod: "1280" }]);
    expect(t.find((x) => x.cityId === "m")?.totals.killed.rate).toBeNull();
    expect(t[0].population).toBeNull();
  });
});

describe("series", () => {
  const periods = periodsOf(rows);
  it("lists the periods in order", () => expect(periods).toEqual(["2024-01", "2024-02"]));
  it("gives a city's values or rates, null where withheld", () => {
    expect(seriesOf(rows, "m", "killed", periods)).toEqual([2, 1]);
    expect(seriesOf(rows, "m", "killed", periods, true)).toEqual([0.6, 0.3]);
    expect(seriesOf(rows, "m", "support_offered", periods)).toEqual([null, 7]);
    expect(seriesOf(rows, "a", "killed", periods)).toEqual([0, null]);
  });
  it("places a day in its period, or nowhere outside the range", () => {
    expect(periodOfDay("2024-02-17", periods)).toBe("2024-02");
    expect(periodOfDay("2019-06-01", periods)).toBeNull();
    expect(periodOfDay("2024-06-01", ["2023", "2024"])).toBe("2024");
    expect(periodOfDay(null, periods)).toBeNull();
  });
  it("counts months across years", () => {
    expect(monthsBetween("2023-11", "2024-02")).toEqual(["2023-11", "2023-12", "2024-01", "2024-02"]);
    expect(monthMinus("2024-02", 3)).toBe("2023-11");
    expect(monthMinus("2024-12", 11)).toBe("2024-01");
  });
});

describe("estimates", () => {
  it("draws the interval as a band above its lower end, in event time", () => {
    const band = eventStudyBand([
      { eventTime: 1, effect: -0.2, lower: -0.5, upper: 0.1 },
      { eventTime: -1, effect: 0.0, lower: -0.25, upper: 0.25 },
    ]);
    expect(band.times).toEqual([-1, 1]);
    expect(band.lower).toEqual([-0.25, -0.5]);
    expect(band.width.map((w) => Number(w.toFixed(2)))).toEqual([0.5, 0.6]);
  });
  it("writes ratios Swedish style", () => {
    expect(formatRatio(0.7234, 0.61, 0.851)).toBe("0,72 (0,61–0,85)");
    expect(formatInterval(-0.661, -1.347, -0.111, 3)).toBe("−0,661 (−1,347 – −0,111)");
    expect(clampRatio(8647.9)).toBe(16);
    expect(clampRatio(0.001)).toBe(1 / 16);
    expect(clampRatio(0.7)).toBe(0.7);
    expect(nbsp(formatDecimal(-1234.5, 1))).toBe("−1 234,5");
    expect(formatDecimal(null)).toBe("–");
    expect(ratioAsChange(0.72)).toBe("−28 %");
    expect(ratioAsChange(1.1)).toBe("+10 %");
    expect(ratioAsChange(1)).toBe("±0 %");
  });
  it("tells whether an interval excludes no effect", () => {
    expect(excludes(0.6, 0.9, 1)).toBe(true);
    expect(excludes(0.8, 1.2, 1)).toBe(false);
    expect(excludes(0.1, 0.3, 0)).toBe(true);
  });
});

describe("releases", () => {
  it("shortens a hash", () => {
    expect(shortHash("a".repeat(64))).toBe("aaaaaaaaaaaa…");
    expect(shortHash("abc")).toBe("abc");
  });
  it("turns a job's state into progress", () => {
    expect(jobProgress("queued")).toBeLessThan(jobProgress("running"));
    expect(jobProgress("done")).toBe(100);
    expect(jobFinished("failed")).toBe(true);
    expect(jobFinished("running")).toBe(false);
  });
  it("reads a download with progress and keeps the server's file name", async () => {
    const body = new Uint8Array(10_000).fill(65);
    const response = new Response(body, { headers: { "Content-Length": "10000", "Content-Type": "text/csv",
      "Content-Disposition": 'attachment; filename="gvi-release-3.csv"' } });
    const seen: (number | null)[] = [];
    const blob = await readWithProgress(response, (f) => seen.push(f));
    expect(blob.size).toBe(10_000);
    expect(seen[seen.length - 1]).toBe(1);
    expect(seen.every((f, i) => i === 0 || (f ?? 0) >= (seen[i - 1] ?? 0))).toBe(true);
    expect(fileNameOf(response, "x")).toBe("gvi-release-3.csv");
    expect(fileNameOf(new Response(""), "fallback.csv")).toBe("fallback.csv");
  });
  it("reports an unknown size as indeterminate until done", async () => {
    const seen: (number | null)[] = [];
    await readWithProgress(new Response("abc"), (f) => seen.push(f));
    expect(seen[0]).toBeNull();
    expect(seen[seen.length - 1]).toBe(1);
  });
});

describe("diagnostics", () => {
  const base = { rateRatio: 0.7, lower: 0.6, upper: 0.82, model: "poisson", dispersion: 1.1, autocorrelationP: 0.4, monthsAfter: 36 };
  it("says nothing about a clean estimate", () => expect(warningsOf(base)).toEqual([]));
  it("names overdispersion, autocorrelation, short follow-up and a wide interval", () => {
    expect(warningsOf({ ...base, model: "negative_binomial", dispersion: 2.3, autocorrelationP: 0.01, monthsAfter: 14,
      lower: 0.2, upper: 1.9 })).toEqual(["overdispersed", "autocorrelated", "shortAfter", "wide"]);
  });
});

describe("MEASURES", () => {
  it("lists every measure the screens have words for, once, in both languages", () => {
    expect(new Set(MEASURES).size).toBe(MEASURES.length);
    expect([...MEASURES].sort()).toEqual(Object.keys(nationalSv.measures).sort());
    expect([...MEASURES].sort()).toEqual(Object.keys(nationalEn.measures).sort());
  });
});
