import { useState } from "react";
import { Anchor, Badge, Button, Card, Group, Modal, NativeSelect, Stack, Table, TextInput, Title } from "@mantine/core";
import { Link } from "react-router-dom";
import { useMutation, useQuery } from "urql";
import { useTranslation } from "react-i18next";
import { graphql } from "../gql";
import type { EnforcementType } from "../gql/graphql";
import { useAuth } from "../auth";
import { usePurposeContext } from "../purpose";
import { PurposeGate } from "../components/Purpose";
import { DateField } from "../components/DateField";
import { GroupSelect, OrganisationSelect } from "../components/Pickers";
import { MutationForm, payloadResult } from "../components/MutationForm";
import { Empty, Loading, QueryError } from "../components/States";
import { Pager } from "../components/Pager";
import { daysUntil, formatDate, today } from "../lib/format";
import { enumOptions, orNull } from "../lib/forms";
import { REVIEW_SOON_DAYS } from "../lib/people";

const EnforcementQuery = graphql(`
  query Enforcement($people: Boolean!, $after: String) {
    enforcementActions(first: 50, after: $after) {
      edges { node { id type takenOn result organisation { name } group { id name } targets @include(if: $people) { id displayName } } }
      pageInfo { hasNextPage endCursor }
    }
    focusList { id startedOn reviewDate confidence group { id name } person @include(if: $people) { id displayName } }
  }
`);
const RecordAction = graphql(`
  mutation RecordEnforcementAction($input: RecordEnforcementActionInput!, $key: String) {
    recordEnforcementAction(input: $input, idempotencyKey: $key) { action { id } errors { field code message } }
  }
`);

const TYPES: EnforcementType[] = ["home_visit", "arrest", "search", "prosecution", "probation_sanction", "administrative"];

function ActionForm({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const context = usePurposeContext();
  const [, record] = useMutation(RecordAction);
  const [v, setV] = useState({ type: "home_visit" as EnforcementType, takenOn: today() as string | null, organisationId: null as string | null,
    groupId: null as string | null, result: "" });
  return (
    <MutationForm label={t("enforcement.record")} onDone={onDone} fields={["type", "takenOn", "organisationId", "groupId", "result"]}
      submit={async (key) => payloadResult(await record({ input: { type: v.type, takenOn: v.takenOn ?? "", organisationId: v.organisationId ?? "",
        groupId: v.groupId, result: orNull(v.result) }, key }, context), "recordEnforcementAction")}>
      {(errors) => (
        <>
          <NativeSelect label={t("enforcement.type")} value={v.type} data={enumOptions(t, "EnforcementType", TYPES)}
            onChange={(e) => setV({ ...v, type: e.currentTarget.value as EnforcementType })} />
          <DateField label={t("enforcement.takenOn")} value={v.takenOn} onChange={(x) => setV({ ...v, takenOn: x })} error={errors.byField.takenOn} />
          <OrganisationSelect label={t("callIns.organisation")} value={v.organisationId} onChange={(x) => setV({ ...v, organisationId: x })}
            error={errors.byField.organisationId} required />
          <GroupSelect label={t("review.group")} value={v.groupId} onChange={(x) => setV({ ...v, groupId: x })} error={errors.byField.groupId} />
          <TextInput label={t("enforcement.result")} value={v.result} onChange={(e) => setV({ ...v, result: e.currentTarget.value })} />
        </>
      )}
    </MutationForm>
  );
}

function EnforcementView() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const context = usePurposeContext();
  const [recording, setRecording] = useState(false);
  const [after, setAfter] = useState<string | null>(null);
  const [{ data, fetching, error }, refetch] = useQuery({ query: EnforcementQuery, variables: { people: can("people"), after }, context });
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t("nav.enforcement")}</Title>
        {can("enforcement", "write") && <Button onClick={() => setRecording(true)}>{t("enforcement.record")}</Button>}
      </Group>
      {error && <QueryError error={error} />}
      {fetching && !data && <Loading />}
      {data && (
        <>
          <Card withBorder>
            <Title order={3} size="h4">{t("enforcement.focusList")}</Title>
            {data.focusList?.length === 0 ? <Empty>{t("enforcement.focusEmpty")}</Empty> : (
              <Table>
                <Table.Thead>
                  <Table.Tr><Table.Th>{t("support.person")}</Table.Th><Table.Th>{t("review.group")}</Table.Th>
                    <Table.Th>{t("groups.since")}</Table.Th><Table.Th>{t("people.review")}</Table.Th></Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {data.focusList?.map((d) => {
                    const soon = daysUntil(d.reviewDate) <= REVIEW_SOON_DAYS;
                    return (
                      <Table.Tr key={d.id}>
                        <Table.Td>{d.person ? <Anchor component={Link} to={`/people/${d.person.id}`}>{d.person.displayName}</Anchor> : "–"}</Table.Td>
                        <Table.Td>{d.group ? <Anchor component={Link} to={`/groups/${d.group.id}`}>{d.group.name}</Anchor> : "–"}</Table.Td>
                        <Table.Td>{formatDate(d.startedOn)}</Table.Td>
                        <Table.Td>{formatDate(d.reviewDate)} {soon && <Badge color="yellow" variant="light" c="dark">{t("people.reviewDue")}</Badge>}</Table.Td>
                      </Table.Tr>
                    );
                  })}
                </Table.Tbody>
              </Table>
            )}
          </Card>
          <Card withBorder>
            <Title order={3} size="h4">{t("enforcement.actions")}</Title>
            {data.enforcementActions?.edges.length === 0 ? (
              <Empty>{can("enforcement", "write") ? t("enforcement.actionsEmptyWrite") : t("enforcement.actionsEmpty")}</Empty>
            ) : (
              <Table>
                <Table.Tbody>
                  {data.enforcementActions?.edges.map(({ node: a }) => (
                    <Table.Tr key={a.id}>
                      <Table.Td>{formatDate(a.takenOn)}</Table.Td>
                      <Table.Td>{t(`enums.EnforcementType.${a.type}`)}</Table.Td>
                      <Table.Td>{a.group?.name ?? "–"}</Table.Td>
                      <Table.Td>{a.targets?.map((p) => p.displayName).join(", ") || "–"}</Table.Td>
                      <Table.Td>{a.organisation?.name ?? "–"}</Table.Td>
                      <Table.Td>{a.result ?? ""}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
            <Pager after={after} pageInfo={data.enforcementActions?.pageInfo} onPage={setAfter} mt="sm" />
          </Card>
        </>
      )}
      <Modal closeButtonProps={{ "aria-label": t("app.close") }} opened={recording} onClose={() => setRecording(false)} title={t("enforcement.record")} size="lg">
        <ActionForm onDone={() => { setRecording(false); setAfter(null); refetch({ requestPolicy: "network-only" }); }} />
      </Modal>
    </Stack>
  );
}

export default function Enforcement() {
  return <PurposeGate><EnforcementView /></PurposeGate>;
}
