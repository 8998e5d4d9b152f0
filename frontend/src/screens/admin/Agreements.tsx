import { useState } from "react";
import { ActionIcon, Button, Card, Group, NativeSelect, Select, Stack, Table, Text, TextInput } from "@mantine/core";
import { useMutation, useQuery } from "urql";
import { useTranslation } from "react-i18next";
import { graphql } from "../../gql";
import type { DataCategory } from "../../gql/graphql";
import { DateField } from "../../components/DateField";
import { MutationForm } from "../../components/MutationForm";
import { Empty, Loading } from "../../components/States";
import { formatDate, today } from "../../lib/format";
import { idempotencyKey } from "../../lib/graphql";
import { useOrganisationNames, Pager } from "./shared";

const AgreementsQuery = graphql(`
  query AdminSharingAgreements($after: String) {
    sharingAgreements(first: 50, after: $after) {
      edges { node { id reference title validFrom validUntil inForce
        parties { organisationId signatoryName signatoryTitle signedOn } terms { category legalBasis secrecyProvision } } }
      pageInfo { hasNextPage endCursor }
    }
  }
`);
const RecordAgreement = graphql(`
  mutation RecordSharingAgreement($input: RecordSharingAgreementInput!, $key: String) {
    recordSharingAgreement(input: $input, idempotencyKey: $key) { agreement { id } errors { field code message } }
  }
`);
const EndAgreement = graphql(`
  mutation EndSharingAgreement($input: EndSharingAgreementInput!, $key: String) {
    endSharingAgreement(input: $input, idempotencyKey: $key) { agreement { id validUntil } errors { field code message } }
  }
`);

const CATEGORIES: DataCategory[] = ["people", "groups", "incidents", "callins", "notifications", "enforcement", "support", "outreach", "tasks", "programme", "figures"];
type Party = { organisationId: string; signatoryName: string; signatoryTitle: string; signedOn: string | null };
type Term = { category: DataCategory; legalBasis: string; secrecyProvision: string };
const party = (): Party => ({ organisationId: "", signatoryName: "", signatoryTitle: "", signedOn: null });

/** The register of data-sharing agreements: who signed, which data may pass, on what legal basis. */
export default function Agreements({ writable }: { writable: boolean }) {
  const { t } = useTranslation();
  const [after, setAfter] = useState<string | null>(null);
  const [{ data, fetching }, refetch] = useQuery({ query: AgreementsQuery, variables: { after } });
  const { names, options } = useOrganisationNames();
  const [, record] = useMutation(RecordAgreement);
  const [, end] = useMutation(EndAgreement);
  const [head, setHead] = useState({ reference: "", title: "", validFrom: today() as string | null, validUntil: null as string | null });
  const [parties, setParties] = useState<Party[]>([party(), party()]);
  const [terms, setTerms] = useState<Term[]>([{ category: "support", legalBasis: "", secrecyProvision: "" }]);
  const [ending, setEnding] = useState<Record<string, string | null>>({});
  const [rowError, setRowError] = useState<string | null>(null);
  const reload = () => refetch({ requestPolicy: "network-only" });
  const rows = data?.sharingAgreements?.edges ?? [];
  const label = (c: string) => t(`admin.categories.${c}`);
  return (
    <Stack>
      {writable && (
        <Card withBorder>
          <MutationForm label={t("admin.newAgreement")} submitLabel={t("admin.newAgreement")}
            fields={["reference", "title", "validFrom", "validUntil", "parties", "terms"]}
            onDone={() => { setHead({ ...head, reference: "", title: "" }); setParties([party(), party()]); reload(); }}
            submit={async (key) => {
              const r = await record({ key, input: {
                reference: head.reference.trim(), title: head.title.trim(), validFrom: head.validFrom ?? "", validUntil: head.validUntil,
                parties: parties.map((p) => ({ organisationId: p.organisationId, signatoryName: p.signatoryName,
                                               signatoryTitle: p.signatoryTitle || null, signedOn: p.signedOn ?? "" })),
                terms,
              } });
              return { error: r.error ?? null, errors: r.data?.recordSharingAgreement?.errors ?? [] };
            }}>
            {(errors) => (
              <Stack gap="xs">
                <Group grow align="flex-start">
                  <TextInput label={t("admin.reference")} description={t("admin.referenceHelp")} value={head.reference} required
                    error={errors.byField.reference} onChange={(e) => setHead({ ...head, reference: e.currentTarget.value })} />
                  <TextInput label={t("admin.agreementTitle")} value={head.title} required error={errors.byField.title}
                    onChange={(e) => setHead({ ...head, title: e.currentTarget.value })} />
                  <DateField label={t("admin.validFrom")} value={head.validFrom} required error={errors.byField.validFrom}
                    onChange={(v) => setHead({ ...head, validFrom: v })} />
                  <DateField label={t("admin.validUntil")} value={head.validUntil} error={errors.byField.validUntil}
                    onChange={(v) => setHead({ ...head, validUntil: v })} />
                </Group>
                <Text fw={500} size="sm">{t("admin.parties")}</Text>
                {errors.byPath?.parties && <Text c="red.8" size="sm" role="alert">{errors.byPath?.parties}</Text>}
                {parties.map((p, i) => {
                  const set = (patch: Partial<Party>) => setParties(parties.map((x, j) => (j === i ? { ...x, ...patch } : x)));
                  return (
                    <Group key={i} grow align="flex-end">
                      <Select label={t("admin.partyN", { n: i + 1 })} data={options} value={p.organisationId || null} searchable
                        error={(errors.byPath ?? {})[`parties[${i}].organisationId`]} onChange={(v) => set({ organisationId: v ?? "" })} />
                      <TextInput label={t("admin.signatory")} value={p.signatoryName} error={(errors.byPath ?? {})[`parties[${i}].signatoryName`]}
                        onChange={(e) => set({ signatoryName: e.currentTarget.value })} />
                      <TextInput label={t("admin.signatoryTitle")} value={p.signatoryTitle} error={(errors.byPath ?? {})[`parties[${i}].signatoryTitle`]}
                        onChange={(e) => set({ signatoryTitle: e.currentTarget.value })} />
                      <DateField label={t("admin.signedOn")} value={p.signedOn} error={(errors.byPath ?? {})[`parties[${i}].signedOn`]}
                        onChange={(v) => set({ signedOn: v })} />
                    </Group>
                  );
                })}
                <Group><Button variant="default" size="xs" onClick={() => setParties([...parties, party()])}>{t("admin.addParty")}</Button></Group>
                <Text fw={500} size="sm">{t("admin.terms")}</Text>
                {errors.byPath?.terms && <Text c="red.8" size="sm" role="alert">{errors.byPath?.terms}</Text>}
                {terms.map((term, i) => {
                  const set = (patch: Partial<Term>) => setTerms(terms.map((x, j) => (j === i ? { ...x, ...patch } : x)));
                  return (
                    <Group key={i} grow align="flex-end">
                      <NativeSelect label={t("admin.category")} value={term.category} data={CATEGORIES.map((c) => ({ value: c, label: label(c) }))}
                        error={(errors.byPath ?? {})[`terms[${i}].category`]} onChange={(e) => set({ category: e.currentTarget.value as DataCategory })} />
                      <TextInput label={t("admin.legalBasis")} placeholder="GDPR art. 6.1 e" value={term.legalBasis}
                        error={(errors.byPath ?? {})[`terms[${i}].legalBasis`]} onChange={(e) => set({ legalBasis: e.currentTarget.value })} />
                      <TextInput label={t("admin.secrecyProvision")} placeholder="OSL 10 kap. 18 a §" value={term.secrecyProvision}
                        error={(errors.byPath ?? {})[`terms[${i}].secrecyProvision`]} onChange={(e) => set({ secrecyProvision: e.currentTarget.value })} />
                      {terms.length > 1 && (
                        <ActionIcon variant="default" size="lg" style={{ flexGrow: 0 }} aria-label={t("admin.removeRow")}
                          onClick={() => setTerms(terms.filter((_, j) => j !== i))}>×</ActionIcon>
                      )}
                    </Group>
                  );
                })}
                <Group><Button variant="default" size="xs" onClick={() => setTerms([...terms, { category: "people", legalBasis: "", secrecyProvision: "" }])}>{t("admin.addTerm")}</Button></Group>
              </Stack>
            )}
          </MutationForm>
        </Card>
      )}
      {rowError && <Text c="red.8" role="alert">{rowError}</Text>}
      {fetching && !data && <Loading />}
      {data && rows.length === 0 && <Empty>{t("admin.noAgreements")}</Empty>}
      {rows.length > 0 && (
        <Table.ScrollContainer minWidth={720}>
        <Table striped>
          <Table.Thead>
            <Table.Tr><Table.Th>{t("admin.reference")}</Table.Th><Table.Th>{t("admin.agreementTitle")}</Table.Th><Table.Th>{t("admin.parties")}</Table.Th>
              <Table.Th>{t("admin.terms")}</Table.Th><Table.Th>{t("admin.validity")}</Table.Th>{writable && <Table.Th>{t("admin.actions")}</Table.Th>}</Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map(({ node: a }) => (
              <Table.Tr key={a.id} data-testid="agreement-row">
                <Table.Td>{a.reference}</Table.Td><Table.Td>{a.title}</Table.Td>
                <Table.Td>{a.parties.map((p) => `${names.get(p.organisationId) ?? "–"} (${p.signatoryName}, ${formatDate(p.signedOn)})`).join("; ")}</Table.Td>
                <Table.Td>{a.terms.map((x) => `${label(x.category)}: ${x.legalBasis}; ${x.secrecyProvision}`).join(" · ")}</Table.Td>
                <Table.Td>
                  {formatDate(a.validFrom)} – {a.validUntil ? formatDate(a.validUntil) : ""}{" "}
                  <Text size="xs" fw={a.inForce ? 700 : 400}>{a.inForce ? t("admin.inForce") : t("admin.notInForce")}</Text>
                </Table.Td>
                {writable && (
                  <Table.Td>
                    {!a.validUntil && (
                      <Group gap="xs" wrap="nowrap" align="flex-end">
                        <DateField label={t("admin.endOn")} size="xs" w={140} value={ending[a.id] ?? null}
                          onChange={(v) => setEnding({ ...ending, [a.id]: v })} />
                        <Button size="xs" variant="default" disabled={!ending[a.id]} aria-label={t("admin.endAgreement", { reference: a.reference })}
                          onClick={async () => {
                            const r = await end({ input: { agreementId: a.id, validUntil: ending[a.id] ?? "" }, key: idempotencyKey() });
                            const errors = r.error ? [r.error.message] : (r.data?.endSharingAgreement?.errors ?? []).map((e) => e.message);
                            setRowError(errors.length ? errors.join("; ") : null);
                            if (!errors.length) reload();
                          }}>{t("admin.end")}</Button>
                      </Group>
                    )}
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        </Table.ScrollContainer>
      )}
      <Pager after={after} pageInfo={data?.sharingAgreements?.pageInfo} onPage={setAfter} />
    </Stack>
  );
}
