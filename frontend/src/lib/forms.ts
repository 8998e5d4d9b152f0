// Server field errors beside the fields: `input.occurredAt` → `occurredAt`.

export interface UserErrorLike {
  field?: string | null;
  code?: string;
  message: string;
}

export interface SplitErrors {
  byField: Record<string, string>;
  /** Every field error by its whole path (`parties[1].organisationId`), for forms with rows of inputs. */
  byPath?: Record<string, string>;
  other: string[];
}

/** Errors of a mutation payload by the input field they name; the rest for an alert above the form. */
export function splitErrors(errors: readonly UserErrorLike[], known: readonly string[] = []): SplitErrors {
  const byField: Record<string, string> = {};
  const byPath: Record<string, string> = {};
  const other: string[] = [];
  for (const e of errors) {
    const path = (e.field ?? "").replace(/^input(\[\d+\])?\./, "");
    const head = path.split(/[.[]/)[0];
    if (path) byPath[path] = byPath[path] ? `${byPath[path]}; ${e.message}` : e.message;
    if (head && (known.length === 0 || known.includes(head))) byField[head] = byField[head] ? `${byField[head]}; ${e.message}` : e.message;
    else other.push(head ? `${head}: ${e.message}` : e.message);
  }
  return { byField, byPath, other };
}

/** Options of a Select for an API enum, labelled in the user's language. */
export function enumOptions(t: (key: string) => string, enumName: string, values: readonly string[]) {
  return values.map((value) => ({ value, label: t(`enums.${enumName}.${value}`) }));
}

/** Empty text inputs are "not given" (null), never an empty string the server must reject. */
export const orNull = (v: string | null | undefined) => (v && v.trim() ? v.trim() : null);
