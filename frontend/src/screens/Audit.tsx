import { useCallback, useEffect, useRef, useState } from "react";
import { Alert, Badge, Button, Card, Code, Group, NativeSelect, Stack, Table, Text, TextInput, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { getJson } from "../lib/api";
import { DateField } from "../components/DateField";
import { Empty, Loading } from "../components/States";
import { formatDateTime } from "../lib/format";

interface Entry {
  seq: number; occurred_at: string; actor_kind: string; actor_name: string; action: string; object_type: string | null;
  object_id: string | null; purpose: string | null; outcome: string; details: Record<string, unknown> | null;
}
interface Verdict { intact: boolean; entries: number; head_seq: number; head_hash: string; head_time: string | null; broken_at: number | null; reason: string | null }

const ACTIONS = ["", "read", "search", "write", "delete", "export", "disclose", "erase", "denied"];

/** The auditor's search of the city's audit log (newest first, keyset pages) and the chain's verdict. */
export default function Audit() {
  const { t } = useTranslation();
  const [filter, setFilter] = useState({ person: "", actor: "", action: "", since: null as string | null, until: null as string | null });
  const [entries, setEntries] = useState<Entry[] | null>(null);
  const [next, setNext] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [verdict, setVerdict] = useState<Verdict | null>(null);
  const [verifying, setVerifying] = useState(false);
  // Only the newest search may fill the table: the first page loaded on arrival can answer after the
  // auditor's own filtered search and must not overwrite it.
  const latest = useRef(0);

  const search = useCallback(async (before: number | null = null) => {
    const ticket = ++latest.current;
    const q = new URLSearchParams({ limit: "50" });
    if (filter.person.trim()) q.set("person", filter.person.trim());
    if (filter.actor.trim()) q.set("actor", filter.actor.trim());
    if (filter.action) q.set("action", filter.action);
    if (filter.since) q.set("since", filter.since);
    if (filter.until) q.set("until", filter.until);
    if (before) q.set("before", String(before));
    try {
      const page = await getJson<{ entries: Entry[]; next_before: number | null }>(`/api/audit?${q}`);
      if (ticket !== latest.current) return;
      setEntries((old) => (before && old ? [...old, ...page.entries] : page.entries));
      setNext(page.next_before);
      setError(null);
    } catch (e) {
      if (ticket === latest.current) setError(e instanceof Error ? e.message : String(e));
    }
  }, [filter]);

  useEffect(() => { void search(); }, []); // eslint-disable-line react-hooks/exhaustive-deps

  const verify = async () => {
    setVerifying(true);
    try {
      setVerdict(await getJson<Verdict>("/api/audit/verify"));
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setVerifying(false);
    }
  };

  return (
    <Stack>
      <Title order={2}>{t("audit.title")}</Title>
      <Card withBorder>
        <Group justify="space-between">
          <Text>{t("audit.verifyIntro")}</Text>
          <Button onClick={() => void verify()} loading={verifying}>{t("audit.verify")}</Button>
        </Group>
        {verdict && (
          <Alert mt="sm" color={verdict.intact ? "green" : "red"} role="status" title={verdict.intact ? t("audit.intact") : t("audit.broken", { seq: verdict.broken_at })}>
            {t("audit.verdict", { entries: verdict.entries, seq: verdict.head_seq })} <Code>{verdict.head_hash.slice(0, 16)}…</Code>
            {verdict.reason && <Text>{verdict.reason}</Text>}
          </Alert>
        )}
      </Card>
      <Card withBorder>
        <form role="search" onSubmit={(e) => { e.preventDefault(); void search(); }}>
          <Group align="flex-end" wrap="wrap">
            <TextInput label={t("audit.person")} value={filter.person} onChange={(e) => setFilter({ ...filter, person: e.currentTarget.value })} w={300} />
            <TextInput label={t("audit.actor")} value={filter.actor} onChange={(e) => setFilter({ ...filter, actor: e.currentTarget.value })} w={300} />
            <NativeSelect label={t("audit.action")} value={filter.action} onChange={(e) => setFilter({ ...filter, action: e.currentTarget.value })}
              data={ACTIONS.map((a) => ({ value: a, label: a ? t(`audit.actions.${a}`) : t("app.all") }))} />
            <DateField label={t("audit.since")} value={filter.since} onChange={(v) => setFilter({ ...filter, since: v })} w={150} />
            <DateField label={t("audit.until")} value={filter.until} onChange={(v) => setFilter({ ...filter, until: v })} w={150} />
            <Button type="submit">{t("people.searchButton")}</Button>
          </Group>
        </form>
      </Card>
      {error && <Alert color="red" role="alert">{error}</Alert>}
      {entries === null && !error && <Loading />}
      {entries && entries.length === 0 && <Empty>{t("audit.empty")}</Empty>}
      {entries && entries.length > 0 && (
        <Table.ScrollContainer minWidth={900}>
          <Table striped>
            <Table.Thead>
              <Table.Tr><Table.Th>#</Table.Th><Table.Th>{t("audit.when")}</Table.Th><Table.Th>{t("audit.actor")}</Table.Th>
                <Table.Th>{t("audit.action")}</Table.Th><Table.Th>{t("audit.object")}</Table.Th><Table.Th>{t("audit.purpose")}</Table.Th>
                <Table.Th>{t("audit.outcome")}</Table.Th></Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {entries.map((e) => (
                <Table.Tr key={e.seq} data-testid="audit-entry">
                  <Table.Td>{e.seq}</Table.Td>
                  <Table.Td>{formatDateTime(e.occurred_at)}</Table.Td>
                  <Table.Td>{e.actor_name} <Text span size="xs" c="dimmed">({e.actor_kind})</Text></Table.Td>
                  <Table.Td>{t(`audit.actions.${e.action}`, { defaultValue: e.action })}</Table.Td>
                  <Table.Td>{e.object_type ?? "–"} {e.details && typeof e.details.operation === "string" ? <Code>{e.details.operation}</Code> : null}</Table.Td>
                  <Table.Td>{e.purpose ?? "–"}</Table.Td>
                  <Table.Td><Badge color={e.outcome === "allowed" ? "green" : "red"} variant="light" c="dark">{e.outcome}</Badge></Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {next && <Button variant="light" w="fit-content" onClick={() => void search(next)}>{t("app.more")}</Button>}
    </Stack>
  );
}
