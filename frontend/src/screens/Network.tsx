import { useEffect, useRef, useState } from "react";
import { Anchor, Card, Group, Stack, Table, Text, Title } from "@mantine/core";
import { Link, useNavigate } from "react-router-dom";
import { useQuery } from "urql";
import { useTranslation } from "react-i18next";
import cytoscape from "cytoscape";
import { graphql } from "../gql";
import { usePurposeContext } from "../purpose";
import { PurposeGate } from "../components/Purpose";
import { DateField } from "../components/DateField";
import { Empty, Loading, QueryError } from "../components/States";
import { formatDate, today } from "../lib/format";

const NetworkQuery = graphql(`
  query Network($on: Date) {
    groupNetwork(on: $on) { id kind startedOn endedOn groupA { id name status } groupB { id name status } }
  }
`);

const EDGE_COLOR: Record<string, string> = { conflict: "#c92a2a", alliance: "#2b8a3e", split: "#868e96" };

function NetworkView() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const context = usePurposeContext();
  const [on, setOn] = useState<string | null>(today());
  const [{ data, fetching, error }] = useQuery({ query: NetworkQuery, variables: { on }, context });
  const ref = useRef<HTMLDivElement>(null);
  const relationships = data?.groupNetwork ?? [];

  useEffect(() => {
    if (!ref.current || !relationships.length) return;
    const nodes = new Map<string, string>();
    for (const r of relationships) for (const g of [r.groupA, r.groupB]) if (g) nodes.set(g.id, g.name);
    const cy = cytoscape({
      container: ref.current,
      elements: [
        ...[...nodes].map(([id, name]) => ({ data: { id, label: name } })),
        ...relationships.filter((r) => r.groupA && r.groupB).map((r) => ({
          data: { id: r.id, source: r.groupA!.id, target: r.groupB!.id, color: EDGE_COLOR[r.kind], kind: r.kind },
        })),
      ],
      style: [
        { selector: "node", style: { label: "data(label)", "background-color": "#1c4e80", color: "#111", "font-size": 12,
          "text-valign": "bottom", "text-margin-y": 6, width: 28, height: 28 } },
        { selector: "edge", style: { width: 4, "line-color": "data(color)", "curve-style": "bezier" } },
        { selector: "edge[kind = 'split']", style: { "line-style": "dashed" } },
      ],
      layout: { name: "cose", animate: false, randomize: false, padding: 30 },
      userZoomingEnabled: false,
    });
    cy.on("tap", "node", (e) => navigate(`/groups/${e.target.id()}`));
    return () => cy.destroy();
  }, [relationships, navigate]);

  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <Title order={2}>{t("groups.network")}</Title>
        <DateField label={t("groups.on")} value={on} onChange={setOn} w={160} />
      </Group>
      {error && <QueryError error={error} />}
      {fetching && !data && <Loading />}
      {data && relationships.length === 0 && <Empty>{t("groups.noRelationships")}</Empty>}
      {relationships.length > 0 && (
        <>
          <Card withBorder>
            <Text size="sm" c="dimmed">{t("groups.legend")}</Text>
            <div ref={ref} role="img" aria-label={t("groups.network")} style={{ width: "100%", height: 480 }} />
          </Card>
          <Table>
            <Table.Thead>
              <Table.Tr><Table.Th>{t("groups.title")}</Table.Th><Table.Th>{t("groups.relationships")}</Table.Th>
                <Table.Th>{t("groups.title")}</Table.Th><Table.Th>{t("groups.since")}</Table.Th></Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {relationships.map((r) => (
                <Table.Tr key={r.id}>
                  <Table.Td>{r.groupA && <Anchor component={Link} to={`/groups/${r.groupA.id}`}>{r.groupA.name}</Anchor>}</Table.Td>
                  <Table.Td>{t(`enums.RelationshipKind.${r.kind}`)}</Table.Td>
                  <Table.Td>{r.groupB && <Anchor component={Link} to={`/groups/${r.groupB.id}`}>{r.groupB.name}</Anchor>}</Table.Td>
                  <Table.Td>{formatDate(r.startedOn)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </>
      )}
    </Stack>
  );
}

export default function Network() {
  return <PurposeGate><NetworkView /></PurposeGate>;
}
