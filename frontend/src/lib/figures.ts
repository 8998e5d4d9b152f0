// Pure helpers of the dashboard (unit-tested with Vitest).

export interface FigureRow {
  shootingsWithInjury: number;
  shootingsWithoutInjury: number;
  killed: number;
  injured: number;
  explosions: number;
  callInsHeld: number;
  customNotifications: number;
  enforcementHomeVisit: number;
  enforcementArrest: number;
  enforcementSearch: number;
  enforcementProsecution: number;
  enforcementProbationSanction: number;
  enforcementAdministrative: number;
  supportOffered: number;
  supportAccepted: number;
  supportStarted: number;
  supportCompleted: number;
  peopleReached: number;
}

const KEYS: (keyof FigureRow)[] = [
  "shootingsWithInjury", "shootingsWithoutInjury", "killed", "injured", "explosions", "callInsHeld", "customNotifications",
  "enforcementHomeVisit", "enforcementArrest", "enforcementSearch", "enforcementProsecution", "enforcementProbationSanction",
  "enforcementAdministrative", "supportOffered", "supportAccepted", "supportStarted", "supportCompleted", "peopleReached",
];

/** Totals over the periods shown (peopleReached summed per period: people reached again count again). */
export function sumRows(rows: readonly FigureRow[]): FigureRow {
  const total = Object.fromEntries(KEYS.map((k) => [k, 0])) as unknown as FigureRow;
  for (const r of rows) for (const k of KEYS) total[k] += r[k];
  return total;
}

export function enforcementTotal(r: FigureRow): number {
  return r.enforcementHomeVisit + r.enforcementArrest + r.enforcementSearch + r.enforcementProsecution
    + r.enforcementProbationSanction + r.enforcementAdministrative;
}

/** The first day of the month `months` months before the month of `day` (YYYY-MM-DD). */
export function monthsBack(day: string, months: number): string {
  const [y, m] = day.split("-").map(Number);
  const index = y * 12 + (m - 1) - months + 1;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  return `${year}-${String(month).padStart(2, "0")}-01`;
}
