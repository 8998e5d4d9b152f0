import { Client, cacheExchange, fetchExchange, type OperationContext } from "urql";
import { getCsrfToken, sessionExpired } from "./api";

export const PURPOSE_HEADER = "X-GVI-Purpose";

/** Adds the session's CSRF token to every request and turns a 401 into "session expired". */
async function platformFetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  const headers = new Headers(init?.headers);
  const token = getCsrfToken();
  if (token) headers.set("X-CSRF-Token", token);
  const response = await fetch(input, { ...init, headers, credentials: "same-origin" });
  if (response.status === 401) sessionExpired();
  return response;
}

export function makeClient(): Client {
  return new Client({
    url: "/graphql",
    exchanges: [cacheExchange, fetchExchange],
    fetch: platformFetch,
    preferGetMethod: false,
    requestPolicy: "cache-and-network",
  });
}

/** The operation context that states why person data is read (audited with every entry). */
export function withPurpose(purpose: string | null): Partial<OperationContext> {
  return purpose ? { fetchOptions: { headers: { [PURPOSE_HEADER]: purpose } } } : {};
}

/** New idempotency key per submitted form, so a retried request never records twice. */
export const idempotencyKey = () => crypto.randomUUID();

/** A Relay global id ("Incident:<uuid>" in base64) → the raw id some inputs take (linkedId, clientId). */
export function rawId(globalId: string): string {
  try {
    const decoded = atob(globalId);
    return decoded.slice(decoded.indexOf(":") + 1);
  } catch {
    return globalId;
  }
}

/** The global id of a raw id, for links to an object page. */
export const globalId = (type: string, raw: string) => btoa(`${type}:${raw}`);
