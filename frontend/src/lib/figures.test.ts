import { describe, expect, it } from "vitest";
import { enforcementTotal, monthsBack, sumRows, type FigureRow } from "./figures";

const row = (over: Partial<FigureRow>): FigureRow => ({ ...sumRows([]), ...over });

describe("dashboard figures", () => {
  it("sums every series over the periods", () => {
    const t = sumRows([row({ killed: 2, explosions: 1 }), row({ killed: 3, supportCompleted: 4 })]);
    expect(t.killed).toBe(5);
    expect(t.explosions).toBe(1);
    expect(t.supportCompleted).toBe(4);
  });
  it("adds all enforcement types", () => {
    expect(enforcementTotal(row({ enforcementArrest: 2, enforcementHomeVisit: 3, enforcementAdministrative: 1 }))).toBe(6);
  });
  it("goes back whole months, across years", () => {
    expect(monthsBack("2026-12-01", 12)).toBe("2026-01-01");
    expect(monthsBack("2026-02-15", 3)).toBe("2025-12-01");
  });
});
