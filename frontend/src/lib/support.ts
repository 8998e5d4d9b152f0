// The support case's legal moves, as the server's rules (domain/support/service.py) allow them:
// the board offers only these; the server still decides.
import type { SupportStatus } from "../gql/graphql";

export const MOVES: Record<SupportStatus, SupportStatus[]> = {
  offered: ["accepted", "declined", "withdrawn"],
  accepted: ["started", "dropped", "withdrawn"],
  started: ["completed", "dropped", "withdrawn"],
  completed: [],
  declined: [],
  dropped: [],
  withdrawn: [],
};

/** Moves that close a case and need a reason. */
export const NEEDS_REASON: SupportStatus[] = ["declined", "dropped", "withdrawn"];

export const COLUMNS: { key: string; statuses: SupportStatus[] }[] = [
  { key: "offered", statuses: ["offered"] },
  { key: "accepted", statuses: ["accepted"] },
  { key: "started", statuses: ["started"] },
  { key: "completed", statuses: ["completed"] },
  { key: "closed", statuses: ["declined", "dropped", "withdrawn"] },
];
