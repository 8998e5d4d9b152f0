import { useState } from "react";
import { Button, Table, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { formatDateTime } from "../lib/format";
import { timelineDetail, timelineKind } from "../lib/timeline";

export interface TimelineEventView {
  at: string;
  kind: string;
  title: string;
}

/** Every recorded event in order, newest last, with kind and detail in the user's language. */
export function Timeline({ events, hasMore, onMore }: {
  events: readonly TimelineEventView[]; hasMore?: boolean; onMore?: () => void | Promise<void>;
}) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  if (!events.length) return <Text c="dimmed">–</Text>;
  return (
    <>
      <Table striped>
        <Table.Tbody>
          {events.map((e, n) => (
            <Table.Tr key={n}>
              <Table.Td w={170}>{formatDateTime(e.at)}</Table.Td>
              <Table.Td w={230} fw={600}>{timelineKind(e.kind, t)}</Table.Td>
              <Table.Td>{timelineDetail(e.kind, e.title, t)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {hasMore && onMore && (
        <Button variant="light" size="xs" mt="xs" loading={busy} onClick={async () => {
          setBusy(true);
          try { await onMore(); } finally { setBusy(false); }
        }}>
          {t("app.more")}
        </Button>
      )}
    </>
  );
}

/** One page of a timeline connection. */
export interface TimelinePage {
  edges: readonly { node: TimelineEventView }[];
  pageInfo: { hasNextPage: boolean; endCursor?: string | null };
}

/**
 * A timeline that pages with the API's cursors: the first page comes with its screen's query, older pages are
 * appended by `more(after)` (a query of the timeline alone, so the rest of the screen is not fetched again).
 */
export function PagedTimeline({ first, more }: { first: TimelinePage; more: (after: string) => Promise<TimelinePage | null | undefined> }) {
  const { t } = useTranslation();
  const [pages, setPages] = useState<TimelinePage[]>([]);
  const [error, setError] = useState<string | null>(null);
  const last = pages.length ? pages[pages.length - 1] : first;
  const next = last.pageInfo.hasNextPage ? last.pageInfo.endCursor ?? null : null;
  const load = async () => {
    if (!next) return;
    try {
      const page = await more(next);
      if (page) setPages((p) => [...p, page]);
      setError(null);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  const events = [first, ...pages].flatMap((p) => p.edges.map((e) => e.node));
  return (
    <>
      <Timeline events={events} hasMore={!!next} onMore={load} />
      {error && <Text c="red.8" size="sm" role="alert">{t("app.error")}: {error}</Text>}
    </>
  );
}
