import { useState } from "react";
import { Alert, Button, Group, NativeSelect, Stack, TextInput } from "@mantine/core";
import { useMutation } from "urql";
import { useTranslation } from "react-i18next";
import { graphql } from "../gql";
import type { Confidence, Involvement } from "../gql/graphql";
import { usePurposeContext } from "../purpose";
import { GroupSelect } from "./Pickers";
import { enumOptions, orNull, splitErrors } from "../lib/forms";
import { idempotencyKey } from "../lib/graphql";

const Assess = graphql(`
  mutation AssessInvolvement($input: AssessInvolvementInput!, $key: String) {
    assessInvolvement(input: $input, idempotencyKey: $key) {
      incident { id involvement(currentOnly: true) { involvement confidence assessedAt group { id name } } }
      errors { field code message }
    }
  }
`);

/** Decide or change which group an incident is attributed to, with how sure the team is. */
export function AttributionForm({ incidentId, reviewId, onDone }: { incidentId: string; reviewId?: string | null; onDone?: () => void }) {
  const { t } = useTranslation();
  const context = usePurposeContext();
  const [, assess] = useMutation(Assess);
  const [groupId, setGroupId] = useState<string | null>(null);
  const [involvement, setInvolvement] = useState<Involvement>("likely");
  const [confidence, setConfidence] = useState<Confidence>("medium");
  const [note, setNote] = useState("");
  const [errors, setErrors] = useState(splitErrors([]));
  const [busy, setBusy] = useState(false);
  const [key, setKey] = useState(idempotencyKey);

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setBusy(true);
    const input = { incidentId, groupId: groupId ?? "", involvement, confidence, note: orNull(note), reviewId: reviewId ?? null };
    const r = await assess({ input, key }, context);
    setBusy(false);
    const payload = r.data?.assessInvolvement;
    if (r.error) setErrors({ byField: {}, other: [r.error.message] });
    else if (payload?.errors.length) setErrors(splitErrors(payload.errors, Object.keys(input)));
    else {
      setErrors(splitErrors([]));
      setNote("");
      setKey(idempotencyKey());
      onDone?.();
    }
  };

  return (
    <form onSubmit={submit} noValidate aria-label={t("review.attribute")}>
      <Stack gap="xs">
        {errors.other.length > 0 && <Alert color="red" role="alert">{errors.other.join("; ")}</Alert>}
        <Group grow align="flex-start" wrap="wrap">
          <GroupSelect label={t("review.group")} value={groupId} onChange={setGroupId} error={errors.byField.groupId} miw={180} />
          <NativeSelect label={t("review.involvement")} value={involvement} onChange={(e) => setInvolvement(e.currentTarget.value as Involvement)}
            data={enumOptions(t, "Involvement", ["none", "possible", "likely", "confirmed"])} error={errors.byField.involvement} />
          <NativeSelect label={t("review.confidence")} value={confidence} onChange={(e) => setConfidence(e.currentTarget.value as Confidence)}
            data={enumOptions(t, "Confidence", ["low", "medium", "high"])} error={errors.byField.confidence} />
        </Group>
        <TextInput label={t("review.note")} value={note} onChange={(e) => setNote(e.currentTarget.value)} error={errors.byField.note} />
        <Group justify="flex-end">
          <Button type="submit" loading={busy}>{t("review.assess")}</Button>
        </Group>
      </Stack>
    </form>
  );
}
