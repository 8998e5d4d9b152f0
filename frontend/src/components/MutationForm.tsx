import { useState, type ReactNode } from "react";
import { Alert, Button, Group, Stack } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { splitErrors, type SplitErrors, type UserErrorLike } from "../lib/forms";
import { idempotencyKey } from "../lib/graphql";

type Result = { error?: { message: string } | null; errors?: readonly UserErrorLike[] | null };

/**
 * A form around one mutation: one idempotency key per submitted form (a retry never records twice),
 * the server's field errors beside the fields (`errors.byField`), the rest above, and what was typed kept.
 */
export function MutationForm({ submit, label, children, onDone, fields = [], variant = "filled", submitLabel }: {
  submit: (key: string) => Promise<Result>;
  label: string;
  children: (errors: SplitErrors) => ReactNode;
  onDone?: () => void;
  fields?: string[];
  variant?: "filled" | "light";
  submitLabel?: string;
}) {
  const { t } = useTranslation();
  const [errors, setErrors] = useState<SplitErrors>(splitErrors([]));
  const [busy, setBusy] = useState(false);
  const [key, setKey] = useState(idempotencyKey);
  const onSubmit = async (e: React.FormEvent) => {
    e.preventDefault();
    setBusy(true);
    try {
      const r = await submit(key);
      if (r.error) setErrors({ byField: {}, byPath: {}, other: [r.error.message] });
      else if (r.errors?.length) setErrors(splitErrors(r.errors, fields));
      else {
        setErrors(splitErrors([]));
        setKey(idempotencyKey());
        onDone?.();
      }
    } finally {
      setBusy(false);
    }
  };
  return (
    <form onSubmit={onSubmit} noValidate aria-label={label}>
      <Stack gap="xs">
        {errors.other.length > 0 && <Alert color="red" role="alert">{errors.other.join("; ")}</Alert>}
        {children(errors)}
        <Group justify="flex-end">
          <Button type="submit" loading={busy} variant={variant}>{submitLabel ?? t("app.save")}</Button>
        </Group>
      </Stack>
    </form>
  );
}

/** The mutation's payload errors and transport error in the shape MutationForm reads. */
export function payloadResult<T extends { errors: readonly UserErrorLike[] }>(
  r: { error?: { message: string } | null; data?: Record<string, T | null | undefined> | null }, field: string,
): Result {
  return { error: r.error ?? null, errors: r.data?.[field]?.errors ?? [] };
}
