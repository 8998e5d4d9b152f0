import { describe, expect, it } from "vitest";
import { dueState, isConflict, isMine, sumHours, toLocalInput } from "./city";

describe("incident edits", () => {
  it("shows a stored instant in the editor's wall time and back", () => {
    const local = toLocalInput("2024-03-02T20:40:00+00:00");
    expect(local).toMatch(/^2024-03-0\dT\d\d:40$/);
    expect(new Date(local).toISOString()).toBe("2024-03-02T20:40:00.000Z");
    expect(toLocalInput(null)).toBe("");
    expect(toLocalInput("not a time")).toBe("");
  });
  it("recognises a refusal because someone else changed the incident first", () => {
    expect(isConflict([{ field: "input.expectedVersion", code: "conflict" }])).toBe(true);
    expect(isConflict([{ field: "input.externalReference", code: "already_recorded" }])).toBe(false);
    expect(isConflict([])).toBe(false);
  });
});

describe("follow-ups due", () => {
  const now = new Date("2026-12-01T10:00:00+01:00");
  it("tells overdue, today, soon and later apart", () => {
    expect(dueState("2026-11-30", now)).toBe("overdue");
    expect(dueState("2026-12-01", now)).toBe("today");
    expect(dueState("2026-12-08", now)).toBe("soon");
    expect(dueState("2026-12-09", now)).toBe("later");
    expect(dueState(null, now)).toBe("none");
  });
  it("counts a task as mine when it is assigned to me or my organisation", () => {
    const me = { id: "u1", organisation_id: "o1" };
    const raw = (g: string) => g.replace("Organisation:", "");
    expect(isMine({ assigneeUserId: "u1" }, me, raw)).toBe(true);
    expect(isMine({ assigneeOrganisation: { id: "Organisation:o1" } }, me, raw)).toBe(true);
    expect(isMine({ assigneeOrganisation: { id: "Organisation:o2" } }, me, raw)).toBe(false);
    expect(isMine({ assigneeUserId: "u1" }, null, raw)).toBe(false);
  });
});

describe("outreach hours", () => {
  it("adds decimal hours exactly", () => {
    expect(sumHours(["0.1", "0.2", "1.50"])).toBe("1,8");
    expect(sumHours([])).toBe("0");
  });
});
