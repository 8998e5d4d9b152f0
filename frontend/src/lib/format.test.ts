import { describe, expect, it } from "vitest";
import { daysUntil, formatDate, formatDateTime, formatNumber, today } from "./format";

describe("Swedish formats", () => {
  it("keeps calendar days as they are", () => {
    expect(formatDate("2019-11-11")).toBe("2019-11-11");
    expect(formatDate(null)).toBe("–");
  });
  it("shows instants in Swedish time", () => {
    expect(formatDateTime("2024-06-30T22:30:00Z")).toBe("2024-07-01 00:30");
  });
  it("groups thousands with a space", () => {
    expect(formatNumber(344166).replace(/\s/g, " ")).toBe("344 166");
  });
  it("counts days to a review date", () => {
    const now = new Date("2026-12-01T10:00:00Z");
    expect(today(now)).toBe("2026-12-01");
    expect(daysUntil("2026-12-15", now)).toBe(14);
    expect(daysUntil("2026-11-30", now)).toBe(-1);
  });
});
