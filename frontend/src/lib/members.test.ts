import { describe, expect, it } from "vitest";
import { membersOverTime } from "./members";

describe("members over time", () => {
  it("counts each month a membership was in force, ended or lapsed ones until then", () => {
    const s = membersOverTime([
      { startedOn: "2020-01-10", endedOn: "2020-03-01", reviewDate: "2020-12-01" },
      { startedOn: "2020-02-01", endedOn: null, reviewDate: "2020-04-30" },
    ], "2020-06-01");
    expect(s).toEqual([
      { month: "2020-01", count: 1 }, { month: "2020-02", count: 2 }, { month: "2020-03", count: 2 },
      { month: "2020-04", count: 1 }, { month: "2020-05", count: 0 }, { month: "2020-06", count: 0 },
    ]);
  });
  it("is empty without memberships", () => expect(membersOverTime([])).toEqual([]));
});
