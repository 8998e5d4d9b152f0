import { useState } from "react";
import { Alert, Button, Checkbox, Group, NativeSelect, NumberInput, Stack, TextInput, Textarea } from "@mantine/core";
import { useMutation } from "urql";
import { useTranslation } from "react-i18next";
import { graphql } from "../gql";
import type { IncidentType } from "../gql/graphql";
import { usePurposeContext } from "../purpose";
import { enumOptions, orNull, splitErrors } from "../lib/forms";
import { idempotencyKey } from "../lib/graphql";
import { isConflict, toLocalInput } from "../lib/city";

const INCIDENT_TYPES: IncidentType[] = ["shooting", "explosion_completed", "explosion_attempted", "explosion_prepared",
  "other_serious_violence"];

const UpdateIncident = graphql(`
  mutation UpdateIncident($input: UpdateIncidentInput!, $key: String) {
    updateIncident(input: $input, idempotencyKey: $key) {
      incident { id version type occurredAt area policeArea policeRegion confirmed killed injured description externalReference }
      errors { field code message }
    }
  }
`);

export interface EditableIncident {
  id: string;
  version: number;
  type: IncidentType;
  occurredAt: string;
  confirmed: boolean;
  killed: number;
  injured: number;
  area?: string | null;
  policeArea?: string | null;
  policeRegion?: string | null;
  externalReference?: string | null;
  description?: string | null;
}

const FIELDS = ["type", "occurredAt", "confirmed", "killed", "injured", "area", "policeArea", "policeRegion",
  "externalReference", "description"];

/**
 * Edit an incident as a whole, from the version the page showed. When someone else saved first the server
 * refuses (conflict): what was typed stays, and the editor reloads the latest version before saving again.
 */
export function IncidentEditForm({ incident, onDone, onReload }: {
  incident: EditableIncident; onDone: () => void; onReload: () => void;
}) {
  const { t } = useTranslation();
  const context = usePurposeContext();
  const [, update] = useMutation(UpdateIncident);
  const [key, setKey] = useState(idempotencyKey);
  const [form, setForm] = useState(() => ({
    type: incident.type, occurredAt: toLocalInput(incident.occurredAt), confirmed: incident.confirmed,
    killed: incident.killed as number | string, injured: incident.injured as number | string, area: incident.area ?? "",
    policeArea: incident.policeArea ?? "", policeRegion: incident.policeRegion ?? "",
    externalReference: incident.externalReference ?? "", description: incident.description ?? "",
  }));
  const [errors, setErrors] = useState(splitErrors([]));
  const [conflict, setConflict] = useState(false);
  const [busy, setBusy] = useState(false);
  const set = <K extends keyof typeof form>(name: K, value: (typeof form)[K]) => setForm((f) => ({ ...f, [name]: value }));

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setBusy(true);
    const input = {
      incidentId: incident.id, expectedVersion: incident.version, type: form.type, confirmed: form.confirmed,
      occurredAt: form.occurredAt ? new Date(form.occurredAt).toISOString() : "",
      killed: Number(form.killed), injured: Number(form.injured), area: orNull(form.area), policeArea: orNull(form.policeArea),
      policeRegion: orNull(form.policeRegion), externalReference: orNull(form.externalReference),
      description: orNull(form.description),
    };
    const r = await update({ input, key }, context);
    setBusy(false);
    const payload = r.data?.updateIncident;
    if (r.error) {
      setErrors({ byField: {}, other: [r.error.message] });
    } else if (payload?.errors.length) {
      setConflict(isConflict(payload.errors));
      setErrors(splitErrors(payload.errors.filter((e) => !isConflict([e])), FIELDS));
      setKey(idempotencyKey()); // a corrected form is a new request
    } else {
      setErrors(splitErrors([]));
      setConflict(false);
      onDone();
    }
  };

  return (
    <form onSubmit={submit} noValidate aria-label={t("incidentEdit.title")}>
      <Stack>
        {conflict && (
          <Alert color="orange" role="alert" data-testid="edit-conflict">
            <Stack gap="xs" align="flex-start">
              {t("incidentEdit.conflict")}
              <Button size="xs" variant="white" c="dark" onClick={() => { setConflict(false); onReload(); }}>
                {t("incidentEdit.reload")}
              </Button>
            </Stack>
          </Alert>
        )}
        {errors.other.length > 0 && <Alert color="red" role="alert">{errors.other.join("; ")}</Alert>}
        <NativeSelect label={t("incidents.type")} value={form.type} onChange={(e) => set("type", e.currentTarget.value as IncidentType)}
          data={enumOptions(t, "IncidentType", INCIDENT_TYPES)} error={errors.byField.type} />
        <TextInput type="datetime-local" label={t("incidents.occurredAt")} value={form.occurredAt} required
          onChange={(e) => set("occurredAt", e.currentTarget.value)} error={errors.byField.occurredAt} />
        <Checkbox label={t("incidents.confirmed")} checked={form.confirmed} onChange={(e) => set("confirmed", e.currentTarget.checked)} />
        <Group grow align="flex-start">
          <NumberInput label={t("incidents.killed")} min={0} value={form.killed} onChange={(v) => set("killed", v)} error={errors.byField.killed} />
          <NumberInput label={t("incidents.injured")} min={0} value={form.injured} onChange={(v) => set("injured", v)} error={errors.byField.injured} />
        </Group>
        <TextInput label={t("incidents.area")} value={form.area} onChange={(e) => set("area", e.currentTarget.value)} error={errors.byField.area} />
        <Group grow align="flex-start">
          <TextInput label={t("incidents.policeArea")} value={form.policeArea} onChange={(e) => set("policeArea", e.currentTarget.value)}
            error={errors.byField.policeArea} />
          <TextInput label={t("incidentEdit.policeRegion")} value={form.policeRegion} onChange={(e) => set("policeRegion", e.currentTarget.value)}
            error={errors.byField.policeRegion} />
        </Group>
        <TextInput label={t("incidents.externalReference")} value={form.externalReference}
          onChange={(e) => set("externalReference", e.currentTarget.value)} error={errors.byField.externalReference} />
        <Textarea label={t("incidents.description")} value={form.description} autosize minRows={2}
          onChange={(e) => set("description", e.currentTarget.value)} error={errors.byField.description} />
        <Group justify="flex-end">
          <Button type="submit" loading={busy}>{t("app.save")}</Button>
        </Group>
      </Stack>
    </form>
  );
}
