import { useState } from "react";
import { Alert, Button, Group, NativeSelect, Stack, TextInput } from "@mantine/core";
import { useMutation } from "urql";
import { useTranslation } from "react-i18next";
import { graphql } from "../gql";
import type { TaskKind } from "../gql/graphql";
import { usePurposeContext } from "../purpose";
import { OrganisationSelect } from "./Pickers";
import { DateField } from "./DateField";
import { enumOptions, orNull, splitErrors } from "../lib/forms";
import { idempotencyKey } from "../lib/graphql";

const CreateTask = graphql(`
  mutation CreateTask($input: CreateTaskInput!, $key: String) {
    createTask(input: $input, idempotencyKey: $key) {
      task { id title status dueOn assigneeOrganisation { id name } }
      errors { field code message }
    }
  }
`);

/** A follow-up task with an owner organisation and a due day (from a review, an incident, a person…). */
export function TaskForm({ reviewId, linkedType, linkedId, personId, groupId, onDone }: {
  reviewId?: string | null; linkedType?: string; linkedId?: string; personId?: string; groupId?: string; onDone?: () => void;
}) {
  const { t } = useTranslation();
  const context = usePurposeContext();
  const [, create] = useMutation(CreateTask);
  const [title, setTitle] = useState("");
  const [kind, setKind] = useState<TaskKind>("other");
  const [owner, setOwner] = useState<string | null>(null);
  const [dueOn, setDueOn] = useState<string | null>(null);
  const [errors, setErrors] = useState(splitErrors([]));
  const [busy, setBusy] = useState(false);
  const [key, setKey] = useState(idempotencyKey);

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setBusy(true);
    const input = { title: title.trim(), kind, dueOn, assigneeOrganisationId: owner, reviewId: reviewId ?? null,
      linkedType: linkedType ?? null, linkedId: linkedId ?? null, personId: personId ?? null, groupId: groupId ?? null,
      note: orNull("") };
    const r = await create({ input, key }, context);
    setBusy(false);
    const payload = r.data?.createTask;
    if (r.error) setErrors({ byField: {}, other: [r.error.message] });
    else if (payload?.errors.length) setErrors(splitErrors(payload.errors, ["title", "kind", "dueOn", "assigneeOrganisationId"]));
    else {
      setErrors(splitErrors([]));
      setTitle("");
      setKey(idempotencyKey());
      onDone?.();
    }
  };

  return (
    <form onSubmit={submit} noValidate aria-label={t("review.task")}>
      <Stack gap="xs">
        {errors.other.length > 0 && <Alert color="red" role="alert">{errors.other.join("; ")}</Alert>}
        <TextInput label={t("review.taskTitle")} value={title} onChange={(e) => setTitle(e.currentTarget.value)} required
          error={errors.byField.title} />
        <Group grow align="flex-start" wrap="wrap">
          <NativeSelect label={t("tasks.kind")} value={kind} onChange={(e) => setKind(e.currentTarget.value as TaskKind)}
            data={enumOptions(t, "TaskKind", ["outreach", "custom_notification", "enforcement", "support", "other"])} />
          <OrganisationSelect label={t("review.owner")} value={owner} onChange={setOwner} error={errors.byField.assigneeOrganisationId} />
          <DateField label={t("review.due")} value={dueOn} onChange={setDueOn} error={errors.byField.dueOn} />
        </Group>
        <Group justify="flex-end">
          <Button type="submit" variant="light" loading={busy}>{t("review.createTask")}</Button>
        </Group>
      </Stack>
    </form>
  );
}
