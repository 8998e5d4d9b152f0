import { useState } from "react";
import { Anchor, Badge, Button, Card, Group, Modal, NativeSelect, SimpleGrid, Stack, Text, TextInput, Title } from "@mantine/core";
import { Link } from "react-router-dom";
import { useClient, useMutation, useQuery } from "urql";
import { useTranslation } from "react-i18next";
import { graphql } from "../gql";
import type { ProviderType, SupportBoardQuery, SupportContext, SupportStatus } from "../gql/graphql";
import { useAuth } from "../auth";
import { usePurposeContext } from "../purpose";
import { PurposeGate } from "../components/Purpose";
import { DateField } from "../components/DateField";
import { OrganisationSelect, PersonPicker } from "../components/Pickers";
import { MutationForm, payloadResult } from "../components/MutationForm";
import { Loading, QueryError } from "../components/States";
import { formatDate, today } from "../lib/format";
import { enumOptions, orNull } from "../lib/forms";
import { idempotencyKey } from "../lib/graphql";
import { COLUMNS, MOVES, NEEDS_REASON } from "../lib/support";

const SupportQuery = graphql(`
  query SupportBoard($people: Boolean!, $after: String) {
    supportCases(first: 100, after: $after) {
      edges { node { id providerType context status statusOn providerOrganisation { name } person @include(if: $people) { id displayName } } }
      pageInfo { hasNextPage endCursor }
    }
  }
`);
const Offer = graphql(`
  mutation OfferSupport($input: OfferSupportInput!, $key: String) {
    offerSupport(input: $input, idempotencyKey: $key) { supportCase { id } errors { field code message } }
  }
`);
const Move = graphql(`
  mutation MoveSupportCase($input: TransitionSupportCaseInput!, $key: String) {
    transitionSupportCase(input: $input, idempotencyKey: $key) { supportCase { id status statusOn } errors { field code message } }
  }
`);
const Consent = graphql(`
  mutation RecordConsent($input: RecordConsentInput!, $key: String) {
    recordConsent(input: $input, idempotencyKey: $key) { person { id } errors { field code message } }
  }
`);

const PROVIDERS: ProviderType[] = ["social_services", "employment", "education", "housing", "addiction", "mental_health", "protection", "exit_programme"];
const CONTEXTS: SupportContext[] = ["call_in", "notification", "other"];

function OfferForm({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const context = usePurposeContext();
  const [, offer] = useMutation(Offer);
  const [v, setV] = useState({ personId: null as string | null, providerType: "social_services" as ProviderType, offeredOn: today() as string | null,
    context: "other" as SupportContext, providerOrganisationId: null as string | null, note: "" });
  return (
    <MutationForm label={t("support.offer")} fields={["personId", "providerType", "offeredOn", "context", "providerOrganisationId", "note"]} onDone={onDone}
      submit={async (key) => payloadResult(await offer({ input: { ...v, personId: v.personId ?? "", offeredOn: v.offeredOn ?? "", note: orNull(v.note) }, key }, context), "offerSupport")}>
      {(errors) => (
        <>
          <PersonPicker label={t("support.person")} value={v.personId} onChange={(x) => setV({ ...v, personId: x })} error={errors.byField.personId} />
          <NativeSelect label={t("support.provider")} value={v.providerType} data={enumOptions(t, "ProviderType", PROVIDERS)}
            onChange={(e) => setV({ ...v, providerType: e.currentTarget.value as ProviderType })} />
          <NativeSelect label={t("support.context")} value={v.context} data={enumOptions(t, "SupportContext", CONTEXTS)}
            onChange={(e) => setV({ ...v, context: e.currentTarget.value as SupportContext })} />
          <OrganisationSelect label={t("support.organisation")} value={v.providerOrganisationId} onChange={(x) => setV({ ...v, providerOrganisationId: x })}
            error={errors.byField.providerOrganisationId} />
          <DateField label={t("support.offeredOn")} value={v.offeredOn} onChange={(x) => setV({ ...v, offeredOn: x })} error={errors.byField.offeredOn} />
          <TextInput label={t("support.note")} value={v.note} onChange={(e) => setV({ ...v, note: e.currentTarget.value })} />
        </>
      )}
    </MutationForm>
  );
}

type BoardCase = NonNullable<SupportBoardQuery["supportCases"]>["edges"][number]["node"];

interface CaseView { id: string; status: SupportStatus; person?: { id: string; displayName: string } | null }

function MoveForm({ c, to, onDone }: { c: CaseView; to: SupportStatus; onDone: () => void }) {
  const { t } = useTranslation();
  const context = usePurposeContext();
  const [, move] = useMutation(Move);
  const [on, setOn] = useState<string | null>(today());
  const [reason, setReason] = useState("");
  return (
    <MutationForm label={t(`enums.SupportStatus.${to}`)} fields={["on", "reason", "to"]} onDone={onDone} submitLabel={t(`support.to.${to}`)}
      submit={async (key) => payloadResult(await move({ input: { caseId: c.id, to, on: on ?? "", reason: orNull(reason) }, key }, context), "transitionSupportCase")}>
      {(errors) => (
        <>
          <DateField label={t("support.on")} value={on} onChange={setOn} error={errors.byField.on} />
          {NEEDS_REASON.includes(to) && <TextInput label={t("support.reason")} value={reason} onChange={(e) => setReason(e.currentTarget.value)} required
            error={errors.byField.reason} />}
          {errors.byField.to && <Text c="red" size="sm">{errors.byField.to}</Text>}
        </>
      )}
    </MutationForm>
  );
}

function Board() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const context = usePurposeContext();
  const client = useClient();
  const [{ data, fetching, error }, refetch] = useQuery({ query: SupportQuery, variables: { people: can("people"), after: null }, context });
  // Older cases beyond the first page, appended with the API's cursor (undefined: continue from the first page).
  const [older, setOlder] = useState<{ cases: BoardCase[]; next: string | null } | undefined>(undefined);
  const [, consent] = useMutation(Consent);
  const [offering, setOffering] = useState(false);
  const [moving, setMoving] = useState<{ c: CaseView; to: SupportStatus } | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const reload = () => { setOlder(undefined); refetch({ requestPolicy: "network-only" }); };
  const writable = can("support", "write");
  const firstPage = data?.supportCases;
  const next = older ? older.next : firstPage?.pageInfo.hasNextPage ? firstPage.pageInfo.endCursor ?? null : null;
  const seen = new Set<string>();
  const cases = [...(firstPage?.edges.map((e) => e.node) ?? []), ...(older?.cases ?? [])].filter((c) => !seen.has(c.id) && !!seen.add(c.id));
  const [loadingMore, setLoadingMore] = useState(false);
  const loadMore = async () => {
    if (!next) return;
    setLoadingMore(true);
    try {
      const r = await client.query(SupportQuery, { people: can("people"), after: next }, context).toPromise();
      const page = r.data?.supportCases;
      if (r.error || !page) setNote(r.error?.message ?? t("app.error"));
      else setOlder({ cases: [...(older?.cases ?? []), ...page.edges.map((e) => e.node)],
                      next: page.pageInfo.hasNextPage ? page.pageInfo.endCursor ?? null : null });
    } finally {
      setLoadingMore(false);
    }
  };

  const giveConsent = async (c: CaseView) => {
    if (!c.person) return;
    const r = await consent({ input: { personId: c.person.id, action: "given", recordedOn: today(), scope: t("support.consentScope") }, key: idempotencyKey() }, context);
    const errors = r.data?.recordConsent.errors ?? [];
    setNote(r.error?.message ?? (errors.length ? errors.map((e) => e.message).join("; ") : t("support.consentRecorded")));
  };

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t("support.title")}</Title>
        {writable && can("people") && <Button onClick={() => setOffering(true)}>{t("support.offer")}</Button>}
      </Group>
      {note && <Text role="status">{note}</Text>}
      {error && <QueryError error={error} />}
      {fetching && !data && <Loading />}
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 5 }}>
        {COLUMNS.map((col) => {
          const items = cases.filter((c) => col.statuses.includes(c.status));
          return (
            <Card withBorder key={col.key} p="xs" bg="gray.0" component="section" aria-labelledby={`col-${col.key}`}>
              <Group justify="space-between" mb="xs">
                <Title order={3} size="h5" id={`col-${col.key}`}>{t(`support.columns.${col.key}`)}</Title>
                <Badge variant="light" color="gray" c="dark">{items.length}</Badge>
              </Group>
              <div style={{ maxHeight: 560, overflowY: "auto" }}>
                <Stack gap="xs">
                  {items.map((c) => (
                    <Card withBorder key={c.id} p="xs" data-testid="support-case">
                      <Text fw={600} size="sm">{c.person ? <Anchor component={Link} to={`/people/${c.person.id}`}>{c.person.displayName}</Anchor> : "–"}</Text>
                      <Text size="sm">{t(`enums.ProviderType.${c.providerType}`)}{c.providerOrganisation ? ` · ${c.providerOrganisation.name}` : ""}</Text>
                      <Text size="xs" c="dimmed">{t(`enums.SupportStatus.${c.status}`)} {formatDate(c.statusOn)}</Text>
                      {writable && (
                        <Group gap={4} mt={4}>
                          {MOVES[c.status].map((to) => (
                            <Button key={to} size="compact-xs" variant={NEEDS_REASON.includes(to) ? "default" : "light"} onClick={() => setMoving({ c, to })}>
                              {t(`support.to.${to}`)}
                            </Button>
                          ))}
                          {c.status === "accepted" && c.person && (
                            <Button size="compact-xs" variant="subtle" onClick={() => void giveConsent(c)}>{t("support.consent")}</Button>
                          )}
                        </Group>
                      )}
                    </Card>
                  ))}
                </Stack>
              </div>
            </Card>
          );
        })}
      </SimpleGrid>
      {next && <Button variant="light" w="fit-content" loading={loadingMore} onClick={() => void loadMore()}>{t("support.olderCases")}</Button>}
      <Modal closeButtonProps={{ "aria-label": t("app.close") }} opened={offering} onClose={() => setOffering(false)} title={t("support.offer")} size="lg">
        <OfferForm onDone={() => { setOffering(false); reload(); }} />
      </Modal>
      <Modal closeButtonProps={{ "aria-label": t("app.close") }} opened={!!moving} onClose={() => setMoving(null)} title={moving ? `${moving.c.person?.displayName ?? ""}: ${t(`support.to.${moving.to}`)}` : ""}>
        {moving && <MoveForm c={moving.c} to={moving.to} onDone={() => { setMoving(null); reload(); }} />}
      </Modal>
    </Stack>
  );
}

export default function Support() {
  return <PurposeGate><Board /></PurposeGate>;
}
