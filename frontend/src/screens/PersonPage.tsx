import { useState } from "react";
import { Alert, Anchor, Badge, Button, Card, SimpleGrid, Stack, Table, Text, Title } from "@mantine/core";
import { Link, useParams } from "react-router-dom";
import { useClient, useQuery } from "urql";
import { useTranslation } from "react-i18next";
import { graphql } from "../gql";
import { useAuth } from "../auth";
import { usePurpose, usePurposeContext } from "../purpose";
import { PurposeForm } from "../components/Purpose";
import { PagedTimeline } from "../components/Timeline";
import { Loading, NotFound, QueryError } from "../components/States";
import { daysUntil, formatDate } from "../lib/format";
import { designationState, type DesignationState } from "../lib/people";

const PersonQuery = graphql(`
  query Person($id: ID!, $groups: Boolean!, $support: Boolean!) {
    person(id: $id) {
      id displayName nickname birthYear identityKind supervisionStatus supervisionUntil note
      supervisingOrganisation { name }
      designations { id kind startedOn endedOn reviewDate current confidence source group @include(if: $groups) { id name } }
      memberships @include(if: $groups) { id position startedOn endedOn reviewDate current confidence group { id name } }
      supportCases @include(if: $support) { id providerType status statusOn }
      timeline(first: 100) { edges { node { at kind title } } pageInfo { hasNextPage endCursor } }
    }
  }
`);
const PersonTimelineQuery = graphql(`
  query PersonTimeline($id: ID!, $after: String) {
    person(id: $id) { id timeline(first: 100, after: $after) { edges { node { at kind title } } pageInfo { hasNextPage endCursor } } }
  }
`);

const IdentityQuery = graphql(`
  query PersonIdentity($id: ID!) { person(id: $id) { id identityNumber } }
`);

const STATE_BADGE: Record<DesignationState, { color: string; key: string }> = {
  current: { color: "green", key: "people.current" },
  review_soon: { color: "yellow", key: "people.reviewDue" },
  lapsed: { color: "gray", key: "people.lapsed" },
  ended: { color: "gray", key: "groups.ended" },
};

function StateBadge({ state }: { state: DesignationState }) {
  const { t } = useTranslation();
  return <Badge color={STATE_BADGE[state].color} variant={state === "lapsed" ? "outline" : "light"} c="dark">{t(STATE_BADGE[state].key)}</Badge>;
}

function IdentityNumber({ id }: { id: string }) {
  const { t } = useTranslation();
  const context = usePurposeContext();
  const [shown, setShown] = useState(false);
  const [{ data, error }] = useQuery({ query: IdentityQuery, variables: { id }, context, pause: !shown });
  if (!shown) return <Button size="xs" variant="light" onClick={() => setShown(true)}>{t("people.showIdentity")}</Button>;
  if (error) return <Text c="red">{error.message}</Text>;
  return <Text ff="monospace">{data?.person?.identityNumber ?? "–"}</Text>;
}

function Person({ id }: { id: string }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const context = usePurposeContext();
  const [{ data, fetching, error }] = useQuery({
    query: PersonQuery, variables: { id, groups: can("groups"), support: can("support") }, context,
  });
  const client = useClient();
  const more = async (after: string) => {
    const r = await client.query(PersonTimelineQuery, { id, after }, context).toPromise();
    if (r.error) throw r.error;
    return r.data?.person?.timeline;
  };
  if (error) return <QueryError error={error} />;
  if (!data) return fetching ? <Loading /> : null;
  const p = data.person;
  if (!p) return <NotFound />;
  return (
    <Stack>
      <Title order={2}>{p.displayName}{p.nickname ? ` ("${p.nickname}")` : ""}</Title>
      <Card withBorder>
        <SimpleGrid cols={{ base: 2, md: 4 }}>
          <div><Text size="xs" c="dimmed" fw={600}>{t("people.birthYear")}</Text><Text>{p.birthYear ?? "–"}</Text></div>
          <div><Text size="xs" c="dimmed" fw={600}>{t("people.supervision")}</Text>
            <Text>{t(`enums.SupervisionStatus.${p.supervisionStatus}`)}{p.supervisionUntil ? ` → ${formatDate(p.supervisionUntil)}` : ""}
              {p.supervisingOrganisation ? ` (${p.supervisingOrganisation.name})` : ""}</Text></div>
          <div><Text size="xs" c="dimmed" fw={600}>{t("people.identityNumber")}</Text>
            {p.identityKind ? <IdentityNumber id={p.id} /> : <Text>–</Text>}</div>
        </SimpleGrid>
        {p.note && <Text mt="sm">{p.note}</Text>}
      </Card>
      <Card withBorder>
        <Title order={3} size="h4">{t("people.designations")}</Title>
        <DesignationTable rows={p.designations.map((d) => ({ ...d, label: t(`enums.DesignationKind.${d.kind}`), group: d.group ?? null }))} />
      </Card>
      {p.memberships && (
        <Card withBorder>
          <Title order={3} size="h4">{t("people.memberships")}</Title>
          <DesignationTable rows={p.memberships.map((m) => ({ ...m, label: t(`enums.MembershipPosition.${m.position}`), group: m.group ?? null }))} />
        </Card>
      )}
      {p.supportCases && p.supportCases.length > 0 && (
        <Card withBorder>
          <Title order={3} size="h4">{t("people.support")}</Title>
          <Table>
            <Table.Tbody>
              {p.supportCases.map((c) => (
                <Table.Tr key={c.id}>
                  <Table.Td>{t(`enums.ProviderType.${c.providerType}`)}</Table.Td>
                  <Table.Td>{t(`enums.SupportStatus.${c.status}`)}</Table.Td>
                  <Table.Td>{formatDate(c.statusOn)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Card>
      )}
      <Card withBorder>
        <Title order={3} size="h4">{t("people.timeline")}</Title>
        <PagedTimeline key={p.id} first={p.timeline} more={more} />
      </Card>
    </Stack>
  );
}

interface Row {
  id: string;
  label: string;
  startedOn: string;
  endedOn?: string | null;
  reviewDate: string;
  current: boolean;
  confidence: string;
  group: { id: string; name: string } | null;
}

function DesignationTable({ rows }: { rows: Row[] }) {
  const { t } = useTranslation();
  if (!rows.length) return <Text c="dimmed">–</Text>;
  return (
    <Table>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t("people.kind")}</Table.Th><Table.Th>{t("groups.title")}</Table.Th><Table.Th>{t("groups.period")}</Table.Th>
          <Table.Th>{t("people.review")}</Table.Th><Table.Th>{t("review.confidence")}</Table.Th><Table.Th>{t("groups.status")}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((r) => {
          const state = designationState(r, daysUntil(r.reviewDate));
          return (
            <Table.Tr key={r.id} className={state === "lapsed" ? "lapsed" : undefined} data-state={state}>
              <Table.Td>{r.label}</Table.Td>
              <Table.Td>{r.group ? <Anchor component={Link} to={`/groups/${r.group.id}`}>{r.group.name}</Anchor> : "–"}</Table.Td>
              <Table.Td>{formatDate(r.startedOn)} – {r.endedOn ? formatDate(r.endedOn) : ""}</Table.Td>
              <Table.Td fw={state === "review_soon" ? 700 : undefined}>{formatDate(r.reviewDate)}</Table.Td>
              <Table.Td>{t(`enums.Confidence.${r.confidence}`)}</Table.Td>
              <Table.Td><StateBadge state={state} /></Table.Td>
            </Table.Tr>
          );
        })}
      </Table.Tbody>
    </Table>
  );
}

/** The person page asks for the purpose every time it is opened: the read is audited with it. */
export default function PersonPage() {
  const { id = "" } = useParams();
  const { t } = useTranslation();
  const { purpose, setPurpose } = usePurpose();
  const [confirmed, setConfirmed] = useState<string | null>(null);
  if (confirmed !== id) {
    return (
      <Stack maw={520}>
        <Title order={2}>{t("purpose.title")}</Title>
        <Alert color="blue" role="note">{t("purpose.personIntro")}</Alert>
        <PurposeForm initial={purpose} onDone={(p) => { setPurpose(p); setConfirmed(id); }} />
      </Stack>
    );
  }
  return <Person id={id} />;
}
