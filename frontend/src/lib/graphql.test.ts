import { describe, expect, it } from "vitest";
import { globalId, rawId } from "./graphql";

describe("global ids", () => {
  it("round-trips a raw id through its global id", () => {
    const id = "6f1c9a4e-2a51-4f0e-9d1e-0b1a2c3d4e5f";
    expect(rawId(globalId("Incident", id))).toBe(id);
    expect(atob(globalId("Incident", id))).toBe(`Incident:${id}`);
  });
});
