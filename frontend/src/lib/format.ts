// Dates and numbers in Swedish formats (ISO-like dates, space as thousands separator), whatever the language.
const LOCALE = "sv-SE";
const STOCKHOLM = "Europe/Stockholm";

const dateFmt = new Intl.DateTimeFormat(LOCALE, { timeZone: STOCKHOLM, year: "numeric", month: "2-digit", day: "2-digit" });
const dateTimeFmt = new Intl.DateTimeFormat(LOCALE, {
  timeZone: STOCKHOLM, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit",
});
const numberFmt = new Intl.NumberFormat(LOCALE);

/** A calendar day (YYYY-MM-DD from the API) shown as it is: no time zone shift. */
export function formatDate(day: string | null | undefined): string {
  if (!day) return "–";
  if (/^\d{4}-\d{2}-\d{2}$/.test(day)) return day;
  return dateFmt.format(new Date(day));
}

export function formatDateTime(at: string | null | undefined): string {
  if (!at) return "–";
  return dateTimeFmt.format(new Date(at));
}

export function formatNumber(n: number | null | undefined): string {
  return n == null ? "–" : numberFmt.format(n);
}

/** Today's date in Swedish time, as the API's Date scalar. */
export function today(now: Date = new Date()): string {
  return dateFmt.format(now);
}

/** Days from `from` to the calendar day `day` (negative when past). */
export function daysUntil(day: string, from: Date = new Date()): number {
  const [y, m, d] = day.split("-").map(Number);
  const [ty, tm, td] = today(from).split("-").map(Number);
  return Math.round((Date.UTC(y, m - 1, d) - Date.UTC(ty, tm - 1, td)) / 86_400_000);
}

/** A datetime-local input's value (Swedish wall time) as an ISO instant for the API. */
export function localToIso(value: string): string {
  return new Date(value).toISOString();
}
