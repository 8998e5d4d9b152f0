import { useMemo, useState } from "react";
import { Alert, Anchor, Button, Card, Grid, Group, NativeSelect, Stack, Table, Text, TextInput, Textarea, Title } from "@mantine/core";
import { Link } from "react-router-dom";
import { useMutation, useQuery } from "urql";
import { useTranslation } from "react-i18next";
import { graphql } from "../gql";
import type { OutreachKind } from "../gql/graphql";
import { useAuth } from "../auth";
import { usePurposeContext } from "../purpose";
import { PurposeGate } from "../components/Purpose";
import { DateField } from "../components/DateField";
import { GroupSelect, OrganisationSelect, PersonPicker } from "../components/Pickers";
import { MutationForm, payloadResult } from "../components/MutationForm";
import { Empty, Loading, QueryError } from "../components/States";
import { formatDate, today } from "../lib/format";
import { enumOptions, orNull } from "../lib/forms";
import { sumHours } from "../lib/city";

const KINDS: OutreachKind[] = ["contact", "mediation", "hours"];

// People and groups are asked for only when the role may read them: an outreach worker's answer never
// carries groups (police intelligence), and the server lists only their own organisation's activity.
const OutreachQuery = graphql(`
  query Outreach($first: Int!, $after: String, $filter: OutreachActivityFilter, $people: Boolean!, $groups: Boolean!) {
    outreachActivities(first: $first, after: $after, filter: $filter) {
      pageInfo { hasNextPage endCursor }
      edges { node { id kind occurredOn worker hours note organisation { id name }
        person @include(if: $people) { id displayName } otherPerson @include(if: $people) { id displayName }
        group @include(if: $groups) { id name } otherGroup @include(if: $groups) { id name } } }
    }
  }
`);

const LogOutreach = graphql(`
  mutation LogOutreach($input: LogOutreachInput!, $key: String) {
    logOutreach(input: $input, idempotencyKey: $key) { activity { id kind occurredOn } errors { field code message } }
  }
`);

const FIELDS = ["kind", "occurredOn", "worker", "hours", "organisationId", "personId", "otherPersonId", "groupId", "otherGroupId", "note"];

function LogForm({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const { me, can } = useAuth();
  const context = usePurposeContext();
  const [, log] = useMutation(LogOutreach);
  const blank = () => ({ kind: "contact" as OutreachKind, occurredOn: today() as string | null, worker: me?.name ?? "", hours: "1",
    organisationId: null as string | null, personId: null as string | null, otherPersonId: null as string | null,
    groupId: null as string | null, otherGroupId: null as string | null, note: "" });
  const [form, setForm] = useState(blank);
  const [logged, setLogged] = useState(false);
  const set = <K extends keyof ReturnType<typeof blank>>(name: K, value: ReturnType<typeof blank>[K]) => {
    setLogged(false);
    setForm((f) => ({ ...f, [name]: value }));
  };
  // Writers for every organisation (coordinators) say whose work it was; own-organisation roles log for theirs.
  const anyOrganisation = me?.permissions.outreach?.write === "all";
  const people = can("people");
  const groups = can("groups");
  return (
    <Card withBorder>
      <Title order={3} size="h4" mb="xs">{t("outreach.log")}</Title>
      {logged && <Alert color="green" role="status" mb="xs">{t("outreach.logged")}</Alert>}
      <MutationForm label={t("outreach.log")} fields={FIELDS} submitLabel={t("outreach.logButton")}
        onDone={() => { setForm({ ...blank(), kind: form.kind, worker: form.worker }); setLogged(true); onDone(); }}
        submit={async (key) => payloadResult(await log({ input: {
          kind: form.kind, occurredOn: form.occurredOn ?? "", worker: form.worker.trim(), hours: form.hours.trim().replace(",", "."),
          organisationId: anyOrganisation ? form.organisationId : null, personId: form.personId,
          otherPersonId: form.kind === "mediation" ? form.otherPersonId : null, groupId: form.groupId,
          otherGroupId: form.kind === "mediation" ? form.otherGroupId : null, note: orNull(form.note),
        }, key }, context), "logOutreach")}>
        {(errors) => (
          <Grid>
            <Grid.Col span={{ base: 12, sm: 6 }}>
              <NativeSelect label={t("outreach.kind")} value={form.kind} data={enumOptions(t, "OutreachKind", KINDS)}
                onChange={(e) => set("kind", e.currentTarget.value as OutreachKind)} error={errors.byField.kind} />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 6 }}>
              <DateField label={t("outreach.occurredOn")} value={form.occurredOn} onChange={(v) => set("occurredOn", v)}
                error={errors.byField.occurredOn} required />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 6 }}>
              <TextInput label={t("outreach.worker")} value={form.worker} onChange={(e) => set("worker", e.currentTarget.value)}
                error={errors.byField.worker} required />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 6 }}>
              <TextInput label={t("outreach.hours")} value={form.hours} inputMode="decimal" onChange={(e) => set("hours", e.currentTarget.value)}
                error={errors.byField.hours} required />
            </Grid.Col>
            {anyOrganisation && (
              <Grid.Col span={12}>
                <OrganisationSelect label={t("outreach.organisation")} value={form.organisationId} onChange={(v) => set("organisationId", v)}
                  error={errors.byField.organisationId} />
              </Grid.Col>
            )}
            {people && form.kind !== "hours" && (
              <Grid.Col span={{ base: 12, sm: 6 }}>
                <PersonPicker label={t("outreach.person")} value={form.personId} onChange={(v) => set("personId", v)} error={errors.byField.personId} />
              </Grid.Col>
            )}
            {people && form.kind === "mediation" && (
              <Grid.Col span={{ base: 12, sm: 6 }}>
                <PersonPicker label={t("outreach.otherPerson")} value={form.otherPersonId} onChange={(v) => set("otherPersonId", v)}
                  error={errors.byField.otherPersonId} />
              </Grid.Col>
            )}
            {groups && form.kind !== "hours" && (
              <Grid.Col span={{ base: 12, sm: 6 }}>
                <GroupSelect label={t("outreach.group")} value={form.groupId} onChange={(v) => set("groupId", v)} error={errors.byField.groupId} />
              </Grid.Col>
            )}
            {groups && form.kind === "mediation" && (
              <Grid.Col span={{ base: 12, sm: 6 }}>
                <GroupSelect label={t("outreach.otherGroup")} value={form.otherGroupId} onChange={(v) => set("otherGroupId", v)}
                  error={errors.byField.otherGroupId} />
              </Grid.Col>
            )}
            <Grid.Col span={12}>
              <Textarea label={t("outreach.note")} value={form.note} autosize minRows={2} onChange={(e) => set("note", e.currentTarget.value)}
                error={errors.byField.note} />
            </Grid.Col>
          </Grid>
        )}
      </MutationForm>
    </Card>
  );
}

function ActivityPage({ after, filter, first, onMore, context }: {
  after: string | null; filter: object; first: boolean; onMore?: (cursor: string) => void; context: object;
}) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const [{ data, fetching, error }, refetch] = useQuery({
    query: OutreachQuery, variables: { first: 25, after, filter, people: can("people"), groups: can("groups") }, context,
  });
  if (error) return <QueryError error={error} retry={() => refetch({ requestPolicy: "network-only" })} />;
  if (!data) return fetching ? <Loading /> : null;
  const nodes = (data.outreachActivities?.edges ?? []).map((e) => e.node);
  if (first && nodes.length === 0) return <Empty>{t("outreach.empty")}</Empty>;
  const who = (n: (typeof nodes)[number]) => {
    const parts = [n.person, n.otherPerson].filter(Boolean).map((p) => (
      <Anchor key={p!.id} component={Link} to={`/people/${p!.id}`}>{p!.displayName}</Anchor>));
    const groupNames = [n.group?.name, n.otherGroup?.name].filter(Boolean).join(" – ");
    return <>{parts.length ? parts.reduce((a, b) => <>{a} – {b}</>) : null}{groupNames && <Text span size="sm"> {groupNames}</Text>}
      {!parts.length && !groupNames && "–"}</>;
  };
  return (
    <>
      {first && <Text size="sm" c="dimmed">{t("outreach.hoursTotal", { hours: sumHours(nodes.map((n) => n.hours)) })}</Text>}
      <Table.ScrollContainer minWidth={720}>
        <Table striped data-testid="outreach-list">
          {first && (
            <Table.Thead>
              <Table.Tr><Table.Th>{t("outreach.occurredOn")}</Table.Th><Table.Th>{t("outreach.kind")}</Table.Th>
                <Table.Th>{t("outreach.who")}</Table.Th><Table.Th>{t("outreach.worker")}</Table.Th>
                <Table.Th>{t("outreach.hours")}</Table.Th><Table.Th>{t("outreach.note")}</Table.Th></Table.Tr>
            </Table.Thead>
          )}
          <Table.Tbody>
            {nodes.map((n) => (
              <Table.Tr key={n.id}>
                <Table.Td style={{ whiteSpace: "nowrap" }}>{formatDate(n.occurredOn)}</Table.Td>
                <Table.Td>{t(`enums.OutreachKind.${n.kind}`)}</Table.Td>
                <Table.Td>{who(n)}</Table.Td>
                <Table.Td>{n.worker}{n.organisation && <Text size="xs" c="dimmed">{n.organisation.name}</Text>}</Table.Td>
                <Table.Td>{n.hours.replace(".", ",")}</Table.Td>
                <Table.Td>{n.note ?? "–"}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {onMore && data.outreachActivities?.pageInfo.hasNextPage && (
        <Button variant="light" w="fit-content" onClick={() => onMore(data.outreachActivities!.pageInfo.endCursor!)}>{t("app.more")}</Button>
      )}
    </>
  );
}

function OutreachScreen() {
  const { t } = useTranslation();
  const { me, can } = useAuth();
  const context = usePurposeContext();
  const [kind, setKind] = useState<string>("");
  const [from, setFrom] = useState<string | null>(null);
  const [to, setTo] = useState<string | null>(null);
  const [pages, setPages] = useState<(string | null)[]>([null]);
  const [round, setRound] = useState(0);
  const filter = useMemo(() => ({ kind: (kind || null) as OutreachKind | null, occurredFrom: from, occurredTo: to }), [kind, from, to]);
  const restart = () => { setPages([null]); setRound((r) => r + 1); };
  const ownOrganisation = me?.permissions.outreach?.read === "own_org";
  return (
    <Stack>
      <Title order={2}>{t("outreach.title")}</Title>
      {ownOrganisation && <Text size="sm" c="dimmed">{t("outreach.ownOrganisation")}</Text>}
      {can("outreach", "write") && <LogForm onDone={restart} />}
      <Card withBorder>
        <Title order={3} size="h4" mb="xs">{t("outreach.contacts")}</Title>
        <Group align="flex-end" wrap="wrap" mb="sm">
          <NativeSelect label={t("outreach.kind")} value={kind} w={180}
            data={[{ value: "", label: t("app.all") }, ...enumOptions(t, "OutreachKind", KINDS)]}
            onChange={(e) => { setKind(e.currentTarget.value); setPages([null]); }} />
          <DateField label={t("outreach.from")} value={from} onChange={(v) => { setFrom(v); setPages([null]); }} w={160} />
          <DateField label={t("outreach.to")} value={to} onChange={(v) => { setTo(v); setPages([null]); }} w={160} />
        </Group>
        <Stack gap="xs">
          {pages.map((after, i) => (
            <ActivityPage key={`${round}-${after}-${i}`} after={after} filter={filter} first={i === 0} context={context}
              onMore={i === pages.length - 1 ? (cursor) => setPages([...pages, cursor]) : undefined} />
          ))}
        </Stack>
      </Card>
    </Stack>
  );
}

export default function Outreach() {
  return <PurposeGate><OutreachScreen /></PurposeGate>;
}
