import { useState } from "react";
import { Badge, Button, Card, Group, NativeSelect, Select, Stack, Switch, Table, Text, TextInput } from "@mantine/core";
import { Link } from "react-router-dom";
import { useMutation, useQuery } from "urql";
import { useTranslation } from "react-i18next";
import { graphql } from "../../gql";
import type { DataSubjectRequestKind } from "../../gql/graphql";
import { DateField } from "../../components/DateField";
import { PersonPicker } from "../../components/Pickers";
import { MutationForm } from "../../components/MutationForm";
import { Empty, Loading } from "../../components/States";
import { formatDate, today } from "../../lib/format";
import { enumOptions } from "../../lib/forms";
import { idempotencyKey, rawId } from "../../lib/graphql";
import { usePurpose } from "../../purpose";
import { useOrganisationNames, Pager } from "./shared";

const RequestsQuery = graphql(`
  query AdminSubjectRequests($after: String, $openOnly: Boolean!) {
    dataSubjectRequests(first: 50, after: $after, openOnly: $openOnly) {
      edges { node { id kind personId handledByOrganisationId receivedOn deadline extended extensionReason status outcome closedOn overdue } }
      pageInfo { hasNextPage endCursor }
    }
  }
`);
const RegisterRequest = graphql(`
  mutation RegisterDataSubjectRequest($input: RegisterDataSubjectRequestInput!, $key: String) {
    registerDataSubjectRequest(input: $input, idempotencyKey: $key) { request { id } errors { field code message } }
  }
`);
const StartRequest = graphql(`
  mutation StartDataSubjectRequest($input: DataSubjectRequestInput!, $key: String) {
    startDataSubjectRequest(input: $input, idempotencyKey: $key) { request { id status } errors { field code message } }
  }
`);
const ExtendRequest = graphql(`
  mutation ExtendDataSubjectRequest($input: ExtendDataSubjectRequestInput!, $key: String) {
    extendDataSubjectRequest(input: $input, idempotencyKey: $key) { request { id deadline } errors { field code message } }
  }
`);
const CloseRequest = graphql(`
  mutation CloseDataSubjectRequest($input: CloseDataSubjectRequestInput!, $key: String) {
    closeDataSubjectRequest(input: $input, idempotencyKey: $key) { request { id status } errors { field code message } }
  }
`);

const KINDS: DataSubjectRequestKind[] = ["access", "rectification", "erasure", "objection"];
type Step = { id: string; action: "extend" | "completed" | "refused"; text: string };

/** The register of data-subject requests with their statutory deadlines: received → in progress → closed. */
export default function SubjectRequests({ writable }: { writable: boolean }) {
  const { t } = useTranslation();
  const [after, setAfter] = useState<string | null>(null);
  const [openOnly, setOpenOnly] = useState(true);
  const [{ data, fetching }, refetch] = useQuery({ query: RequestsQuery, variables: { after, openOnly } });
  const { names, options } = useOrganisationNames();
  const [, register] = useMutation(RegisterRequest);
  const [, start] = useMutation(StartRequest);
  const [, extend] = useMutation(ExtendRequest);
  const [, close] = useMutation(CloseRequest);
  const { purpose } = usePurpose();
  const [form, setForm] = useState({ kind: "access" as DataSubjectRequestKind, receivedOn: today() as string | null,
                                     handledByOrganisationId: "", personId: "" });
  const [step, setStep] = useState<Step | null>(null);
  const reload = () => refetch({ requestPolicy: "network-only" });
  const rows = data?.dataSubjectRequests?.edges ?? [];
  return (
    <Stack>
      {writable && (
        <Card withBorder>
          <MutationForm label={t("admin.newRequest")} submitLabel={t("admin.newRequest")} fields={["kind", "receivedOn", "handledByOrganisationId", "personId"]}
            onDone={reload}
            submit={async (key) => {
              const r = await register({ key, input: { kind: form.kind, receivedOn: form.receivedOn ?? "",
                                                      handledByOrganisationId: form.handledByOrganisationId || null,
                                                      personId: form.personId || null } });
              return { error: r.error ?? null, errors: r.data?.registerDataSubjectRequest?.errors ?? [] };
            }}>
            {(errors) => (
              <Group grow align="flex-start">
                <NativeSelect label={t("admin.requestKind")} value={form.kind} data={enumOptions(t, "DataSubjectRequestKind", KINDS)}
                  error={errors.byField.kind} onChange={(e) => setForm({ ...form, kind: e.currentTarget.value as DataSubjectRequestKind })} />
                <DateField label={t("admin.receivedOn")} value={form.receivedOn} required error={errors.byField.receivedOn}
                  onChange={(v) => setForm({ ...form, receivedOn: v })} />
                <Select label={t("admin.handledBy")} data={options} value={form.handledByOrganisationId || null} clearable searchable
                  clearButtonProps={{ "aria-label": t("app.clear") }} error={errors.byField.handledByOrganisationId}
                  onChange={(v) => setForm({ ...form, handledByOrganisationId: v ?? "" })} />
                {/* searching people needs a stated purpose (audited); without one the person is linked later */}
                {purpose && (
                  <PersonPicker label={t("admin.person")} value={form.personId || null} error={errors.byField.personId}
                    onChange={(v) => setForm({ ...form, personId: v ?? "" })} />
                )}
              </Group>
            )}
          </MutationForm>
        </Card>
      )}
      <Switch label={t("admin.openOnly")} checked={openOnly} onChange={(e) => { setAfter(null); setOpenOnly(e.currentTarget.checked); }} />
      {step && writable && (
        <Card withBorder>
          <MutationForm label={t(`admin.step.${step.action}`)} submitLabel={t(`admin.step.${step.action}`)} fields={["reason", "outcome", "status"]}
            onDone={() => { setStep(null); reload(); }}
            submit={async (key) => {
              if (step.action === "extend") {
                const r = await extend({ key, input: { requestId: step.id, reason: step.text } });
                return { error: r.error ?? null, errors: r.data?.extendDataSubjectRequest?.errors ?? [] };
              }
              const r = await close({ key, input: { requestId: step.id, status: step.action, outcome: step.text } });
              return { error: r.error ?? null, errors: r.data?.closeDataSubjectRequest?.errors ?? [] };
            }}>
            {(errors) => (
              <TextInput label={step.action === "extend" ? t("admin.extensionReason") : t("admin.outcome")} value={step.text} required
                error={errors.byField.reason ?? errors.byField.outcome ?? errors.byField.status}
                onChange={(e) => setStep({ ...step, text: e.currentTarget.value })} />
            )}
          </MutationForm>
          <Group justify="flex-end" mt="xs"><Button variant="subtle" size="xs" onClick={() => setStep(null)}>{t("app.cancel")}</Button></Group>
        </Card>
      )}
      {fetching && !data && <Loading />}
      {data && rows.length === 0 && <Empty>{openOnly ? t("admin.noOpenRequests") : t("admin.noRequests")}</Empty>}
      {rows.length > 0 && (
        <Table.ScrollContainer minWidth={720}>
        <Table striped>
          <Table.Thead>
            <Table.Tr><Table.Th>{t("admin.requestKind")}</Table.Th><Table.Th>{t("admin.receivedOn")}</Table.Th><Table.Th>{t("admin.deadline")}</Table.Th>
              <Table.Th>{t("groups.status")}</Table.Th><Table.Th>{t("admin.handledBy")}</Table.Th><Table.Th>{t("admin.outcome")}</Table.Th>
              {writable && <Table.Th>{t("admin.actions")}</Table.Th>}</Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map(({ node: r }) => {
              const open = r.status === "received" || r.status === "in_progress";
              return (
                <Table.Tr key={r.id} data-testid="request-row">
                  <Table.Td>{t(`enums.DataSubjectRequestKind.${r.kind}`)}
                    {r.personId && <> · <Link to={`/people/${rawId(r.personId)}`}>{t("admin.person")}</Link></>}</Table.Td>
                  <Table.Td>{formatDate(r.receivedOn)}</Table.Td>
                  <Table.Td>{formatDate(r.deadline)}{r.extended && <Text span size="xs"> ({t("admin.extended")})</Text>}
                    {r.overdue && <Badge ml="xs" color="red" variant="light" c="red.9">{t("admin.overdue")}</Badge>}</Table.Td>
                  <Table.Td>{t(`enums.DataSubjectRequestStatus.${r.status}`)}</Table.Td>
                  <Table.Td>{r.handledByOrganisationId ? names.get(r.handledByOrganisationId) ?? "–" : "–"}</Table.Td>
                  <Table.Td>{r.outcome ?? r.extensionReason ?? ""}{r.closedOn ? ` (${formatDate(r.closedOn)})` : ""}</Table.Td>
                  {writable && (
                    <Table.Td>
                      {open && (
                        <Group gap="xs" wrap="nowrap">
                          {r.status === "received" && (
                            <Button size="xs" variant="default" onClick={async () => { await start({ input: { requestId: r.id }, key: idempotencyKey() }); reload(); }}>
                              {t("admin.step.start")}</Button>
                          )}
                          {!r.extended && <Button size="xs" variant="default" onClick={() => setStep({ id: r.id, action: "extend", text: "" })}>{t("admin.step.extend")}</Button>}
                          <Button size="xs" variant="default" onClick={() => setStep({ id: r.id, action: "completed", text: "" })}>{t("admin.step.completed")}</Button>
                          <Button size="xs" variant="default" onClick={() => setStep({ id: r.id, action: "refused", text: "" })}>{t("admin.step.refused")}</Button>
                        </Group>
                      )}
                    </Table.Td>
                  )}
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
        </Table.ScrollContainer>
      )}
      <Pager after={after} pageInfo={data?.dataSubjectRequests?.pageInfo} onPage={setAfter} />
    </Stack>
  );
}
