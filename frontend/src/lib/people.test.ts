import { describe, expect, it } from "vitest";
import { designationState, peopleFilter } from "./people";

describe("people search", () => {
  it("looks identity numbers up exactly and everything else by name", () => {
    expect(peopleFilter("19900101-1234")).toEqual({ identityNumber: "19900101-1234" });
    expect(peopleFilter("900101 1234")).toEqual({ identityNumber: "9001011234" });
    expect(peopleFilter("Andersson")).toEqual({ nameContains: "Andersson" });
    expect(peopleFilter("  ")).toBeNull();
  });
});

describe("designation state", () => {
  it("shows a lapsed designation as lapsed and an ended one as ended", () => {
    expect(designationState({ current: false, endedOn: null }, -3)).toBe("lapsed");
    expect(designationState({ current: false, endedOn: "2020-01-01" }, -300)).toBe("ended");
  });
  it("highlights reviews due within 30 days", () => {
    expect(designationState({ current: true }, 12)).toBe("review_soon");
    expect(designationState({ current: true }, 120)).toBe("current");
  });
});
