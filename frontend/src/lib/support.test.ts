import { describe, expect, it } from "vitest";
import { COLUMNS, MOVES, NEEDS_REASON } from "./support";

describe("support board moves", () => {
  it("never offers completing a case that has not started", () => {
    expect(MOVES.offered).not.toContain("completed");
    expect(MOVES.accepted).not.toContain("completed");
    expect(MOVES.started).toContain("completed");
  });
  it("offers nothing on a closed case", () => {
    for (const s of ["completed", "declined", "dropped", "withdrawn"] as const) expect(MOVES[s]).toEqual([]);
  });
  it("asks a reason for every move that closes a case without completing it", () => {
    const closing = Object.values(MOVES).flat().filter((s) => !["accepted", "started", "completed"].includes(s));
    expect(new Set(closing)).toEqual(new Set(NEEDS_REASON));
  });
  it("has a column for every status", () => {
    expect(COLUMNS.flatMap((c) => c.statuses).sort()).toEqual(Object.keys(MOVES).sort());
  });
});
