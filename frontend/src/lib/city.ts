// Small rules of the city team's screens, kept apart from React so Vitest can check them.
import { daysUntil } from "./format";

/** An ISO instant as a datetime-local input's value in the browser's wall time ("2024-03-02T21:40"). */
export function toLocalInput(iso: string | null | undefined): string {
  if (!iso) return "";
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return "";
  const two = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}T${two(d.getHours())}:${two(d.getMinutes())}`;
}

/** Whether a mutation was refused because someone else changed the object first (optimistic concurrency). */
export function isConflict(errors: readonly { field?: string | null; code?: string }[] | null | undefined): boolean {
  return !!errors?.some((e) => e.code === "conflict" && (e.field ?? "").endsWith("expectedVersion"));
}

export type Due = "overdue" | "today" | "soon" | "later" | "none";

/** How urgent a follow-up is: past its day, due today, due within `soonDays`, later, or without a day. */
export function dueState(dueOn: string | null | undefined, now: Date = new Date(), soonDays = 7): Due {
  if (!dueOn) return "none";
  const days = daysUntil(dueOn, now);
  if (days < 0) return "overdue";
  if (days === 0) return "today";
  return days <= soonDays ? "soon" : "later";
}

interface TaskLike {
  assigneeUserId?: string | null;
  assigneeOrganisation?: { id: string } | null;
}

/** A task is mine when it is assigned to me, or to my organisation (global id of the organisation). */
export function isMine(task: TaskLike, me: { id: string; organisation_id: string | null } | null,
  rawId: (globalId: string) => string): boolean {
  if (!me) return false;
  if (task.assigneeUserId === me.id) return true;
  return !!task.assigneeOrganisation && !!me.organisation_id && rawId(task.assigneeOrganisation.id) === me.organisation_id;
}

/** Hours logged (the API's Decimal strings), summed without floating-point dust. */
export function sumHours(hours: readonly string[]): string {
  const hundredths = hours.reduce((sum, h) => sum + Math.round(Number(h) * 100), 0);
  return (hundredths / 100).toLocaleString("sv-SE", { maximumFractionDigits: 2 });
}
