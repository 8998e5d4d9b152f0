import { useState } from "react";
import { Anchor, Button, Group, Stack, Table, TextInput, Title } from "@mantine/core";
import { Link, useSearchParams } from "react-router-dom";
import { useQuery } from "urql";
import { useTranslation } from "react-i18next";
import { graphql } from "../gql";
import { usePurposeContext } from "../purpose";
import { PurposeGate } from "../components/Purpose";
import { Empty, Loading, QueryError } from "../components/States";
import { Pager } from "../components/Pager";
import { peopleFilter } from "../lib/people";

const PeopleQuery = graphql(`
  query People($filter: PersonFilter, $after: String) {
    people(first: 50, filter: $filter, after: $after) {
      pageInfo { hasNextPage endCursor }
      edges { node { id displayName birthYear supervisionStatus } }
    }
  }
`);

function PeopleSearch() {
  const { t } = useTranslation();
  const context = usePurposeContext();
  const [params, setParams] = useSearchParams();
  const q = params.get("q") ?? "";
  const [text, setText] = useState(q);
  const filter = peopleFilter(q);
  const [after, setAfter] = useState<string | null>(null);
  const [{ data, fetching, error }] = useQuery({ query: PeopleQuery, variables: { filter, after }, context, pause: !filter });
  return (
    <Stack>
      <Title order={2}>{t("people.title")}</Title>
      <form role="search" onSubmit={(e) => { e.preventDefault(); setAfter(null); setParams(text.trim() ? { q: text.trim() } : {}); }}>
        <Group align="flex-end">
          <TextInput label={t("people.search")} value={text} onChange={(e) => setText(e.currentTarget.value)} w={360} />
          <Button type="submit">{t("people.searchButton")}</Button>
        </Group>
      </form>
      {!filter && <Empty>{t("people.empty")}</Empty>}
      {error && <QueryError error={error} />}
      {fetching && !data && <Loading />}
      {filter && data && data.people?.edges.length === 0 && <Empty>{t("people.noHits")}</Empty>}
      {filter && data && (data.people?.edges.length ?? 0) > 0 && (
        <Table striped highlightOnHover>
          <Table.Thead>
            <Table.Tr><Table.Th>{t("people.name")}</Table.Th><Table.Th>{t("people.birthYear")}</Table.Th>
              <Table.Th>{t("people.supervision")}</Table.Th></Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data.people?.edges.map(({ node: p }) => (
              <Table.Tr key={p.id}>
                <Table.Td><Anchor component={Link} to={`/people/${p.id}`}>{p.displayName}</Anchor></Table.Td>
                <Table.Td>{p.birthYear ?? "–"}</Table.Td>
                <Table.Td>{t(`enums.SupervisionStatus.${p.supervisionStatus}`)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {filter && data && <Pager after={after} pageInfo={data.people?.pageInfo} onPage={setAfter} />}
    </Stack>
  );
}

export default function People() {
  return <PurposeGate><PeopleSearch /></PurposeGate>;
}
