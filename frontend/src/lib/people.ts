// People search: an identity number goes to the exact (blind-index) look-up, anything else is a name.

const IDENTITY = /^(\d{6}|\d{8})[-+]?\d{4}$/;

export function peopleFilter(query: string): { nameContains?: string; identityNumber?: string } | null {
  const q = query.trim();
  if (!q) return null;
  return IDENTITY.test(q.replace(/\s/g, "")) ? { identityNumber: q.replace(/\s/g, "") } : { nameContains: q };
}

/** Review dates within this many days are highlighted. */
export const REVIEW_SOON_DAYS = 30;

export type DesignationState = "current" | "review_soon" | "lapsed" | "ended";

/** How a membership or designation stands today: ended, lapsed (not re-confirmed in time), due for review soon, or current. */
export function designationState(d: { current: boolean; endedOn?: string | null }, daysToReview: number): DesignationState {
  if (!d.current) return d.endedOn ? "ended" : "lapsed";
  return daysToReview <= REVIEW_SOON_DAYS ? "review_soon" : "current";
}
