import { Anchor, Badge, Card, Group, SimpleGrid, Stack, Table, Text, Title } from "@mantine/core";
import { Link, useParams } from "react-router-dom";
import { useClient, useQuery } from "urql";
import { useTranslation } from "react-i18next";
import { graphql } from "../gql";
import { useAuth } from "../auth";
import { usePurposeContext } from "../purpose";
import { PurposeGate } from "../components/Purpose";
import { PagedTimeline } from "../components/Timeline";
import { Loading, NotFound, QueryError } from "../components/States";
import { formatDate } from "../lib/format";
import { RISK_COLOR } from "./Groups";
import { Chart, type ChartOption } from "../components/Chart";
import { membersOverTime } from "../lib/members";

const GroupQuery = graphql(`
  query Group($id: ID!, $people: Boolean!) {
    group(id: $id) {
      id name status aliases areas description
      currentRisk { level assessedOn confidence basis }
      relationships { id kind startedOn endedOn groupA { id name } groupB { id name } }
      memberships { id position startedOn endedOn reviewDate current confidence person @include(if: $people) { id displayName } }
      timeline(first: 100) { edges { node { at kind title } } pageInfo { hasNextPage endCursor } }
    }
  }
`);
const GroupTimelineQuery = graphql(`
  query GroupTimeline($id: ID!, $after: String) {
    group(id: $id) { id timeline(first: 100, after: $after) { edges { node { at kind title } } pageInfo { hasNextPage endCursor } } }
  }
`);

function GroupView() {
  const { id = "" } = useParams();
  const { t } = useTranslation();
  const { can } = useAuth();
  const context = usePurposeContext();
  const client = useClient();
  const [{ data, fetching, error }] = useQuery({ query: GroupQuery, variables: { id, people: can("people") }, context });
  const more = async (after: string) => {
    const r = await client.query(GroupTimelineQuery, { id, after }, context).toPromise();
    if (r.error) throw r.error;
    return r.data?.group?.timeline;
  };
  if (error) return <QueryError error={error} />;
  if (!data) return fetching ? <Loading /> : null;
  const g = data.group;
  if (!g) return <NotFound />;
  const series = membersOverTime(g.memberships);
  const chart: ChartOption = {
    tooltip: { trigger: "axis" }, grid: { left: 40, right: 20, top: 20, bottom: 30 },
    xAxis: { type: "category", data: series.map((p) => p.month) }, yAxis: { type: "value", minInterval: 1 },
    series: [{ type: "line", step: "end", name: t("groups.currentMembers"), data: series.map((p) => p.count), areaStyle: { opacity: 0.2 }, color: "#1c4e80" }],
  };
  return (
    <Stack>
      <Group>
        <Title order={2}>{g.name}</Title>
        <Badge variant="light" c="dark">{t(`enums.GroupStatus.${g.status}`)}</Badge>
        {g.currentRisk && <Badge color={RISK_COLOR[g.currentRisk.level]} variant="light" c="dark">
          {t("groups.risk")}: {t(`enums.RiskLevel.${g.currentRisk.level}`)}</Badge>}
      </Group>
      <Card withBorder>
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <div><Text size="xs" c="dimmed" fw={600}>{t("groups.aliases")}</Text><Text>{g.aliases.join(", ") || "–"}</Text></div>
          <div><Text size="xs" c="dimmed" fw={600}>{t("groups.areas")}</Text><Text>{g.areas.join(", ") || "–"}</Text></div>
          <div><Text size="xs" c="dimmed" fw={600}>{t("groups.risk")}</Text>
            <Text>{g.currentRisk ? `${formatDate(g.currentRisk.assessedOn)}: ${g.currentRisk.basis}` : "–"}</Text></div>
        </SimpleGrid>
        {g.description && <Text mt="sm">{g.description}</Text>}
      </Card>
      <Card withBorder>
        <Title order={3} size="h4">{t("groups.members")}</Title>
        <Chart option={chart} label={t("groups.members")} height={200} />
        <Table mt="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("people.name")}</Table.Th><Table.Th>{t("groups.position")}</Table.Th><Table.Th>{t("groups.period")}</Table.Th>
              <Table.Th>{t("people.review")}</Table.Th><Table.Th>{t("groups.status")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {g.memberships.map((m) => (
              <Table.Tr key={m.id} className={m.current ? undefined : "lapsed"}>
                <Table.Td>{m.person ? <Anchor component={Link} to={`/people/${m.person.id}`}>{m.person.displayName}</Anchor> : "–"}</Table.Td>
                <Table.Td>{t(`enums.MembershipPosition.${m.position}`)}</Table.Td>
                <Table.Td>{formatDate(m.startedOn)} – {m.endedOn ? formatDate(m.endedOn) : ""}</Table.Td>
                <Table.Td>{formatDate(m.reviewDate)}</Table.Td>
                <Table.Td>{m.current ? t("people.current") : m.endedOn ? t("groups.ended") : t("people.lapsed")}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Card>
      <Card withBorder>
        <Title order={3} size="h4">{t("groups.relationships")}</Title>
        <Table>
          <Table.Tbody>
            {g.relationships.map((r) => {
              const other = r.groupA?.id === g.id ? r.groupB : r.groupA;
              return (
                <Table.Tr key={r.id}>
                  <Table.Td>{t(`enums.RelationshipKind.${r.kind}`)}</Table.Td>
                  <Table.Td>{other ? <Anchor component={Link} to={`/groups/${other.id}`}>{other.name}</Anchor> : "–"}</Table.Td>
                  <Table.Td>{formatDate(r.startedOn)} – {r.endedOn ? formatDate(r.endedOn) : ""}</Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Card>
      <Card withBorder>
        <Title order={3} size="h4">{t("groups.timeline")}</Title>
        <PagedTimeline key={g.id} first={g.timeline} more={more} />
      </Card>
    </Stack>
  );
}

export default function GroupPage() {
  return <PurposeGate><GroupView /></PurposeGate>;
}
