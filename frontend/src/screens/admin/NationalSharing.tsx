import { useState } from "react";
import { Alert, Badge, Button, Card, Checkbox, Group, SimpleGrid, Stack, Table, Text, TextInput, Title } from "@mantine/core";
import { useMutation, useQuery } from "urql";
import { useTranslation } from "react-i18next";
import { graphql } from "../../gql";
import { DateField } from "../../components/DateField";
import { MutationForm } from "../../components/MutationForm";
import { Empty, Loading, QueryError } from "../../components/States";
import { formatDate, formatDateTime, today } from "../../lib/format";
import { idempotencyKey } from "../../lib/graphql";
import { MEASURES } from "../../lib/national";

const SharingQuery = graphql(`
  query AdminNationalSharing {
    nationalSharing { id reference signatory signedOn measures recordedBy recordedAt inForce pausedAt pausedBy }
  }
`);
const RecordSharing = graphql(`
  mutation RecordNationalSharing($input: RecordNationalSharingInput!, $key: String) {
    recordNationalSharing(input: $input, idempotencyKey: $key) { agreement { id } errors { field code message } }
  }
`);
const PauseSharing = graphql(`
  mutation PauseNationalSharing($key: String) {
    pauseNationalSharing(idempotencyKey: $key) { agreement { id inForce } errors { field code message } }
  }
`);

/** The city's agreement to share monthly aggregates with national statistics: record it (a new one replaces the
 * last), or pause it. Both are audited by the API; only a coordinator (administration:write) gets the buttons. */
export default function NationalSharing({ writable }: { writable: boolean }) {
  const { t } = useTranslation();
  const [{ data, fetching, error }, refetch] = useQuery({ query: SharingQuery });
  const [, record] = useMutation(RecordSharing);
  const [, pause] = useMutation(PauseSharing);
  const [form, setForm] = useState({ reference: "", signatory: "", signedOn: today() as string | null });
  const [all, setAll] = useState(true);
  const [measures, setMeasures] = useState<string[]>([]);
  const [confirming, setConfirming] = useState(false);
  const [pauseError, setPauseError] = useState<string | null>(null);
  const reload = () => refetch({ requestPolicy: "network-only" });
  const a = data?.nationalSharing;
  const label = (m: string) => t(`national.measures.${m}`);

  const doPause = async () => {
    const r = await pause({ key: idempotencyKey() });
    const problems = r.error ? [r.error.message] : (r.data?.pauseNationalSharing?.errors ?? []).map((e) => e.message);
    setPauseError(problems.length ? problems.join("; ") : null);
    setConfirming(false);
    reload();
  };

  if (fetching && !data) return <Loading />;
  return (
    <Stack>
      <Text size="sm">{t("admin.nationalIntro")}</Text>
      {error && <QueryError error={error} retry={reload} />}
      {data && !a && <Empty>{writable ? t("admin.noNationalSharingWrite") : t("admin.noNationalSharing")}</Empty>}
      {a && (
        <Card withBorder data-testid="national-sharing">
          <Group justify="space-between" mb="xs">
            <Title order={3} size="h4">{a.reference}</Title>
            <Badge color={a.inForce ? "green" : "gray"} variant="light" c="dark">{a.inForce ? t("admin.inForce") : t("admin.paused")}</Badge>
          </Group>
          <Table>
            <Table.Tbody>
              <Table.Tr><Table.Th scope="row">{t("admin.nationalSignatory")}</Table.Th><Table.Td>{a.signatory}</Table.Td></Table.Tr>
              <Table.Tr><Table.Th scope="row">{t("admin.signedOn")}</Table.Th><Table.Td>{formatDate(a.signedOn)}</Table.Td></Table.Tr>
              <Table.Tr>
                <Table.Th scope="row">{t("admin.nationalMeasures")}</Table.Th>
                <Table.Td>{a.measures.length === MEASURES.length ? t("admin.allMeasures") : a.measures.map(label).join(", ")}</Table.Td>
              </Table.Tr>
              <Table.Tr><Table.Th scope="row">{t("admin.recordedBy")}</Table.Th><Table.Td>{a.recordedBy}, {formatDateTime(a.recordedAt)}</Table.Td></Table.Tr>
              {a.pausedAt && (
                <Table.Tr><Table.Th scope="row">{t("admin.pausedBy")}</Table.Th><Table.Td>{a.pausedBy}, {formatDateTime(a.pausedAt)}</Table.Td></Table.Tr>
              )}
            </Table.Tbody>
          </Table>
          {pauseError && <Alert color="red" role="alert" mt="xs">{pauseError}</Alert>}
          {writable && a.inForce && (
            confirming ? (
              <Stack gap="xs" mt="sm">
                <Text size="sm">{t("admin.pauseConfirm")}</Text>
                <Group justify="flex-end">
                  <Button variant="default" onClick={() => setConfirming(false)}>{t("app.cancel")}</Button>
                  <Button color="red" onClick={doPause}>{t("admin.pause")}</Button>
                </Group>
              </Stack>
            ) : (
              <Group justify="flex-end" mt="sm">
                <Button variant="default" onClick={() => setConfirming(true)}>{t("admin.pause")}</Button>
              </Group>
            )
          )}
        </Card>
      )}
      {writable && (
        <Card withBorder>
          <MutationForm label={t("admin.newNational")} submitLabel={t("admin.newNational")}
            fields={["reference", "signatory", "signedOn", "measures"]}
            onDone={() => { setForm({ reference: "", signatory: "", signedOn: today() }); setPauseError(null); reload(); }}
            submit={async (key) => {
              const r = await record({ input: { reference: form.reference, signatory: form.signatory,
                                                signedOn: form.signedOn as string, measures: all ? null : measures }, key });
              return { error: r.error ?? null, errors: r.data?.recordNationalSharing?.errors ?? [] };
            }}>
            {(errors) => (
              <Stack gap="xs">
                <Group grow align="flex-start">
                  <TextInput label={t("admin.reference")} description={t("admin.referenceHelp")} value={form.reference} required
                    error={errors.byField.reference} onChange={(e) => setForm({ ...form, reference: e.currentTarget.value })} />
                  <TextInput label={t("admin.nationalSignatory")} value={form.signatory} required error={errors.byField.signatory}
                    onChange={(e) => setForm({ ...form, signatory: e.currentTarget.value })} />
                  <DateField label={t("admin.signedOn")} value={form.signedOn} required error={errors.byField.signedOn}
                    onChange={(v) => setForm({ ...form, signedOn: v })} />
                </Group>
                <Checkbox label={t("admin.allMeasures")} checked={all} onChange={(e) => setAll(e.currentTarget.checked)} />
                {!all && (
                  <Checkbox.Group label={t("admin.nationalMeasures")} value={measures} onChange={setMeasures} error={errors.byField.measures}>
                    <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="xs" mt="xs">
                      {MEASURES.map((m) => <Checkbox key={m} value={m} label={label(m)} />)}
                    </SimpleGrid>
                  </Checkbox.Group>
                )}
                {all && errors.byField.measures && <Text c="red.8" size="sm" role="alert">{errors.byField.measures}</Text>}
              </Stack>
            )}
          </MutationForm>
        </Card>
      )}
    </Stack>
  );
}
