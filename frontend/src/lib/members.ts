// Members of a group per month, from membership periods (a lapsed, unconfirmed one counts until its review date).

export interface Period {
  startedOn: string;
  endedOn?: string | null;
  reviewDate: string;
}

const monthOf = (day: string) => day.slice(0, 7);

function nextMonth(month: string): string {
  const [y, m] = month.split("-").map(Number);
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, "0")}`;
}

export function membersOverTime(periods: readonly Period[], until: string = new Date().toISOString().slice(0, 10)) {
  if (!periods.length) return [];
  const start = periods.map((p) => monthOf(p.startedOn)).sort()[0];
  const end = monthOf(until);
  const out: { month: string; count: number }[] = [];
  for (let month = start; month <= end; month = nextMonth(month)) {
    const count = periods.filter((p) => {
      const last = [p.endedOn, p.reviewDate].filter(Boolean).sort()[0]!;
      return monthOf(p.startedOn) <= month && monthOf(last) >= month;
    }).length;
    out.push({ month, count });
  }
  return out;
}
