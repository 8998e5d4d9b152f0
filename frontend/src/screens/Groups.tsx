import { useEffect, useState } from "react";
import { Anchor, Badge, Group, Stack, Table, TextInput, Title } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { Link } from "react-router-dom";
import { useQuery } from "urql";
import { useTranslation } from "react-i18next";
import { graphql } from "../gql";
import { usePurposeContext } from "../purpose";
import { PurposeGate } from "../components/Purpose";
import { Empty, Loading, QueryError } from "../components/States";
import { Pager } from "../components/Pager";

const GroupsQuery = graphql(`
  query Groups($name: String, $after: String) {
    groups(first: 100, after: $after, filter: { nameContains: $name }) {
      edges { node { id name status areas aliases currentRisk { level assessedOn } memberships(currentOnly: true) { id } } }
      pageInfo { hasNextPage endCursor }
    }
  }
`);

export const RISK_COLOR: Record<string, string> = { low: "green", moderate: "yellow", high: "orange", very_high: "red" };

function GroupList() {
  const { t } = useTranslation();
  const context = usePurposeContext();
  const [search, setSearch] = useState("");
  const [name] = useDebouncedValue(search.trim(), 250);
  const [after, setAfter] = useState<string | null>(null);
  useEffect(() => setAfter(null), [name]); // a new search starts on its first page
  const [{ data, fetching, error }] = useQuery({ query: GroupsQuery, variables: { name: name || null, after }, context });
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t("groups.title")}</Title>
        <Anchor component={Link} to="/network">{t("nav.network")}</Anchor>
      </Group>
      <TextInput label={t("groups.name")} value={search} onChange={(e) => setSearch(e.currentTarget.value)} w={300} />
      {error && <QueryError error={error} />}
      {fetching && !data && <Loading />}
      {data && data.groups?.edges.length === 0 && <Empty>{name ? t("groups.noMatch") : t("groups.empty")}</Empty>}
      {data && (data.groups?.edges.length ?? 0) > 0 && (
        <Table striped highlightOnHover>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("groups.name")}</Table.Th><Table.Th>{t("groups.status")}</Table.Th><Table.Th>{t("groups.areas")}</Table.Th>
              <Table.Th>{t("groups.risk")}</Table.Th><Table.Th>{t("groups.currentMembers")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data.groups?.edges.map(({ node: g }) => (
              <Table.Tr key={g.id}>
                <Table.Td><Anchor component={Link} to={`/groups/${g.id}`}>{g.name}</Anchor></Table.Td>
                <Table.Td>{t(`enums.GroupStatus.${g.status}`)}</Table.Td>
                <Table.Td>{g.areas.join(", ") || "–"}</Table.Td>
                <Table.Td>{g.currentRisk ? <Badge color={RISK_COLOR[g.currentRisk.level]} variant="light" c="dark">
                  {t(`enums.RiskLevel.${g.currentRisk.level}`)}</Badge> : "–"}</Table.Td>
                <Table.Td>{g.memberships.length}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {data && <Pager after={after} pageInfo={data.groups?.pageInfo} onPage={setAfter} />}
    </Stack>
  );
}

export default function Groups() {
  return <PurposeGate><GroupList /></PurposeGate>;
}
