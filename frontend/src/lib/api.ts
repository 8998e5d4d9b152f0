// The platform's own APIs only: /auth/* for the session, /graphql for data (cookie + CSRF token).

export type Access = "none" | "own_organisation" | "all";
export interface Me {
  kind: "user" | "national_user" | "api_client";
  id: string;
  name: string;
  tenant: { id: string; slug: string; name: string } | null;
  organisation_id: string | null;
  role: string | null;
  mfa: boolean;
  permissions: Record<string, { read: string; write: string }>;
  csrf_token: string | null;
}

export interface FieldProblem {
  field: string;
  code: string;
  message: string;
}

/** A refused request: the server's problem+json, with field errors when it names fields. */
export class ApiError extends Error {
  constructor(
    public status: number,
    message: string,
    public errors: FieldProblem[] = [],
  ) {
    super(message);
  }
}

let csrfToken: string | null = null;
export const setCsrfToken = (token: string | null) => {
  csrfToken = token;
};
export const getCsrfToken = () => csrfToken;

/** Called when the server says the session is gone (401): the app goes back to sign-in. */
let onExpired: () => void = () => {};
export const setOnExpired = (fn: () => void) => {
  onExpired = fn;
};
export const sessionExpired = () => onExpired();

async function send(path: string, method: string, body?: unknown): Promise<Response> {
  const headers: Record<string, string> = { Accept: "application/json" };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  if (csrfToken && method !== "GET") headers["X-CSRF-Token"] = csrfToken;
  return fetch(path, {
    method,
    headers,
    credentials: "same-origin",
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

async function problem(response: Response): Promise<ApiError> {
  try {
    const data = await response.json();
    return new ApiError(response.status, data.detail ?? data.title ?? response.statusText, data.errors ?? []);
  } catch {
    return new ApiError(response.status, response.statusText);
  }
}

export type Stage = "authenticated" | "mfa_required" | "mfa_enrolment";

export async function login(tenant: string, username: string, password: string) {
  const r = await send("/auth/login", "POST", { tenant: tenant || null, username, password });
  if (!r.ok) throw await problem(r);
  const data = (await r.json()) as { stage: Stage; csrf_token: string; totp_uri?: string };
  setCsrfToken(data.csrf_token);
  return data;
}

export async function submitCode(code: string) {
  const r = await send("/auth/mfa", "POST", { code });
  if (!r.ok) throw await problem(r);
  const data = (await r.json()) as { stage: Stage; csrf_token: string };
  setCsrfToken(data.csrf_token);
  return data;
}

export async function logout() {
  await send("/auth/logout", "POST");
  setCsrfToken(null);
}

/** Who is signed in; null when nobody is (or the sign-in is only half done). */
export async function fetchMe(): Promise<Me | null> {
  const r = await send("/auth/me", "GET");
  if (r.status === 401 || r.status === 403) return null;
  if (!r.ok) throw await problem(r);
  const me = (await r.json()) as Me;
  setCsrfToken(me.csrf_token);
  return me;
}

/** Does the signed-in subject read (or write) a category, per the server's permission matrix. */
export function can(me: Me | null, category: string, action: "read" | "write" = "read"): boolean {
  const p = me?.permissions[category];
  return !!p && p[action] !== "none";
}

/** GET a platform REST endpoint (audit log, administration lists); a 401 means the session is over. */
export async function getJson<T>(path: string): Promise<T> {
  const r = await send(path, "GET");
  if (r.status === 401) {
    sessionExpired();
    throw new ApiError(401, "session expired");
  }
  if (!r.ok) throw await problem(r);
  return (await r.json()) as T;
}
