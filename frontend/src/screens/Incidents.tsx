import { useMemo, useState } from "react";
import { Alert, Anchor, Badge, Button, Card, Checkbox, Group, Modal, MultiSelect, NativeSelect, NumberInput, Stack, Table, Text, TextInput, Textarea, Title } from "@mantine/core";
import { Link, useSearchParams } from "react-router-dom";
import { useMutation, useQuery } from "urql";
import { useTranslation } from "react-i18next";
import { graphql } from "../gql";
import type { IncidentType } from "../gql/graphql";
import { useAuth } from "../auth";
import { usePurposeContext } from "../purpose";
import { PurposeGate } from "../components/Purpose";
import { DateField } from "../components/DateField";
import { Empty, Loading, QueryError } from "../components/States";
import { formatDateTime } from "../lib/format";
import { enumOptions, orNull, splitErrors } from "../lib/forms";
import { idempotencyKey } from "../lib/graphql";

export const INCIDENT_TYPES: IncidentType[] = ["shooting", "explosion_completed", "explosion_attempted", "explosion_prepared",
  "other_serious_violence"];

const IncidentsQuery = graphql(`
  query Incidents($first: Int!, $after: String, $filter: IncidentFilter, $groups: Boolean!) {
    incidents(first: $first, after: $after, filter: $filter) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { node { id type occurredAt area confirmed killed injured externalReference groups @include(if: $groups) { id name } } }
    }
  }
`);

const CreateIncident = graphql(`
  mutation CreateIncident($input: IncidentInput!, $key: String) {
    createIncident(input: $input, idempotencyKey: $key) {
      incident { id }
      errors { field code message }
    }
  }
`);

export function IncidentForm({ onDone }: { onDone: (id: string) => void }) {
  const { t } = useTranslation();
  const context = usePurposeContext();
  const [, create] = useMutation(CreateIncident);
  const [key] = useState(idempotencyKey);
  const [type, setType] = useState<IncidentType>("shooting");
  const [occurredAt, setOccurredAt] = useState("");
  const [confirmed, setConfirmed] = useState(true);
  const [killed, setKilled] = useState<number | string>(0);
  const [injured, setInjured] = useState<number | string>(0);
  const [area, setArea] = useState("");
  const [externalReference, setExternalReference] = useState("");
  const [description, setDescription] = useState("");
  const [errors, setErrors] = useState(splitErrors([]));
  const [busy, setBusy] = useState(false);

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setBusy(true);
    const input = {
      type, confirmed, killed: Number(killed), injured: Number(injured), area: orNull(area),
      occurredAt: occurredAt ? new Date(occurredAt).toISOString() : "", externalReference: orNull(externalReference),
      description: orNull(description),
    };
    const r = await create({ input, key }, context);
    setBusy(false);
    const payload = r.data?.createIncident;
    if (r.error) setErrors({ byField: {}, other: [r.error.message] });
    else if (payload?.errors.length) setErrors(splitErrors(payload.errors, Object.keys(input)));
    else if (payload?.incident) onDone(payload.incident.id);
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        {errors.other.length > 0 && <Alert color="red" role="alert">{errors.other.join("; ")}</Alert>}
        <NativeSelect label={t("incidents.type")} value={type} onChange={(e) => setType(e.currentTarget.value as IncidentType)}
          data={enumOptions(t, "IncidentType", INCIDENT_TYPES)} error={errors.byField.type} />
        <TextInput type="datetime-local" label={t("incidents.occurredAt")} value={occurredAt} required
          onChange={(e) => setOccurredAt(e.currentTarget.value)} error={errors.byField.occurredAt} />
        <Checkbox label={t("incidents.confirmed")} checked={confirmed} onChange={(e) => setConfirmed(e.currentTarget.checked)} />
        <Group grow>
          <NumberInput label={t("incidents.killed")} min={0} value={killed} onChange={setKilled} error={errors.byField.killed} />
          <NumberInput label={t("incidents.injured")} min={0} value={injured} onChange={setInjured} error={errors.byField.injured} />
        </Group>
        <TextInput label={t("incidents.area")} value={area} onChange={(e) => setArea(e.currentTarget.value)} error={errors.byField.area} />
        <TextInput label={t("incidents.externalReference")} value={externalReference}
          onChange={(e) => setExternalReference(e.currentTarget.value)} error={errors.byField.externalReference} />
        <Textarea label={t("incidents.description")} value={description} onChange={(e) => setDescription(e.currentTarget.value)}
          error={errors.byField.description} />
        <Group justify="flex-end">
          <Button type="submit" loading={busy}>{t("app.save")}</Button>
        </Group>
      </Stack>
    </form>
  );
}

function IncidentList() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const context = usePurposeContext();
  const [params, setParams] = useSearchParams();
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<string | null>(null);
  const [pages, setPages] = useState<(string | null)[]>([null]);
  const types = params.getAll("type") as IncidentType[];
  const from = params.get("from");
  const to = params.get("to");
  const area = params.get("area") ?? "";
  const filter = useMemo(() => ({
    types: types.length ? types : null, area: area || null,
    occurredFrom: from ? new Date(`${from}T00:00:00`).toISOString() : null,
    occurredTo: to ? new Date(`${to}T23:59:59`).toISOString() : null,
  }), [types.join(","), from, to, area]); // eslint-disable-line react-hooks/exhaustive-deps

  const set = (name: string, values: string[]) => {
    const next = new URLSearchParams(params);
    next.delete(name);
    values.filter(Boolean).forEach((v) => next.append(name, v));
    setParams(next, { replace: true });
    setPages([null]);
  };

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t("incidents.title")}</Title>
        {can("incidents", "write") && <Button onClick={() => setCreating(true)}>{t("incidents.new")}</Button>}
      </Group>
      {created && <Alert color="green" role="status" withCloseButton closeButtonLabel={t("app.close")} onClose={() => setCreated(null)}>
        {t("incidents.created")} – <Anchor component={Link} to={`/incidents/${created}`} c="dark" underline="always">{t("app.open")}</Anchor></Alert>}
      <Card withBorder>
        <Group align="flex-end" wrap="wrap">
          <MultiSelect label={t("incidents.type")} data={enumOptions(t, "IncidentType", INCIDENT_TYPES)} value={types}
            onChange={(v) => set("type", v)} clearable w={320} />
          <DateField label={t("incidents.from")} value={from} onChange={(v) => set("from", v ? [v] : [])} w={150} />
          <DateField label={t("incidents.to")} value={to} onChange={(v) => set("to", v ? [v] : [])} w={150} />
          <TextInput label={t("incidents.area")} defaultValue={area} onBlur={(e) => set("area", [e.currentTarget.value.trim()])} w={180} />
        </Group>
      </Card>
      {pages.map((after, i) => (
        <IncidentPage key={`${after}-${i}`} after={after} filter={filter} context={context} first={i === 0}
          onMore={i === pages.length - 1 ? (cursor) => setPages([...pages, cursor]) : undefined} />
      ))}
      <Modal closeButtonProps={{ "aria-label": t("app.close") }} opened={creating} onClose={() => setCreating(false)} title={t("incidents.new")} size="lg">
        <IncidentForm onDone={(id) => { setCreating(false); setCreated(id); setPages([null]); }} />
      </Modal>
    </Stack>
  );
}

function IncidentPage({ after, filter, context, first, onMore }: {
  after: string | null; filter: object; context: object; first: boolean; onMore?: (cursor: string) => void;
}) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const [{ data, fetching, error }, refetch] = useQuery({
    query: IncidentsQuery, variables: { first: 25, after, filter, groups: can("groups") }, context,
  });
  if (error) return <QueryError error={error} retry={() => refetch({ requestPolicy: "network-only" })} />;
  if (!data) return fetching ? <Loading /> : null;
  const edges = data.incidents?.edges ?? [];
  if (first && edges.length === 0) return <Empty>{t("incidents.empty")}</Empty>;
  return (
    <>
      {first && <Text size="sm" c="dimmed">{data.incidents?.totalCount} {t("incidents.title").toLowerCase()}</Text>}
      <Table.ScrollContainer minWidth={700}>
        <Table striped highlightOnHover>
          {first && (
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("incidents.occurredAt")}</Table.Th><Table.Th>{t("incidents.type")}</Table.Th>
                <Table.Th>{t("incidents.area")}</Table.Th><Table.Th>{t("incidents.killed")}</Table.Th>
                <Table.Th>{t("incidents.injured")}</Table.Th><Table.Th>{t("incidents.groups")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
          )}
          <Table.Tbody>
            {edges.map(({ node: i }) => (
              <Table.Tr key={i.id}>
                <Table.Td><Anchor component={Link} to={`/incidents/${i.id}`}>{formatDateTime(i.occurredAt)}</Anchor></Table.Td>
                <Table.Td>{t(`enums.IncidentType.${i.type}`)} {!i.confirmed && <Badge size="xs" variant="outline" color="gray" c="dark">?</Badge>}</Table.Td>
                <Table.Td>{i.area ?? "–"}</Table.Td>
                <Table.Td>{i.killed}</Table.Td>
                <Table.Td>{i.injured}</Table.Td>
                <Table.Td>{i.groups?.map((g) => g.name).join(", ") || "–"}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {onMore && data.incidents?.pageInfo.hasNextPage && (
        <Button variant="light" onClick={() => onMore(data.incidents?.pageInfo.endCursor!)} w="fit-content">{t("app.more")}</Button>
      )}
    </>
  );
}

export default function Incidents() {
  return <PurposeGate><IncidentList /></PurposeGate>;
}
