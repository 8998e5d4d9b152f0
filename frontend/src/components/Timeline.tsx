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
export function Timeline({ events, hasMore, onMore }: { events: readonly TimelineEventView[]; hasMore?: boolean; onMore?: () => void }) {
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
        <Button variant="light" size="xs" mt="xs" loading={busy} onClick={() => { setBusy(true); onMore(); }}>
          {t("app.more")}
        </Button>
      )}
    </>
  );
}
