import { describe, expect, it } from "vitest";
import { orNull, splitErrors } from "./forms";

describe("server field errors", () => {
  it("puts each error beside the input field it names", () => {
    const r = splitErrors([
      { field: "input.occurredAt", message: "is in the future" },
      { field: "input.killed", message: "must not be negative" },
      { field: null, message: "already recorded" },
    ]);
    expect(r.byField).toEqual({ occurredAt: "is in the future", killed: "must not be negative" });
    expect(r.other).toEqual(["already recorded"]);
  });
  it("keeps fields the form does not show for the alert", () => {
    const r = splitErrors([{ field: "input.organisationIds[1]", message: "unknown" }], ["title"]);
    expect(r.byField).toEqual({});
    expect(r.other).toEqual(["organisationIds: unknown"]);
  });
  it("keeps the whole path of an error in a row of inputs", () => {
    const r = splitErrors([
      { field: "input.parties[1].organisationId", message: "no such partner organisation" },
      { field: "input.parties", message: "at least two" },
    ], ["parties"]);
    expect(r.byPath).toEqual({ "parties[1].organisationId": "no such partner organisation", parties: "at least two" });
    expect(r.byField.parties).toBe("no such partner organisation; at least two");
  });
  it("treats blank text as not given", () => {
    expect(orNull("  ")).toBeNull();
    expect(orNull(" Rosengård ")).toBe("Rosengård");
  });
});
