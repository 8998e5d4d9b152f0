import { Button, Group } from "@mantine/core";
import { useTranslation } from "react-i18next";

/** First page / next page over a connection's cursors (lists page with the API's keyset cursors). */
export function Pager({ after, pageInfo, onPage, mt }: {
  after: string | null;
  pageInfo?: { hasNextPage: boolean; endCursor?: string | null } | null;
  onPage: (cursor: string | null) => void;
  mt?: string;
}) {
  const { t } = useTranslation();
  return (
    <Group justify="flex-end" mt={mt}>
      {after && <Button variant="default" onClick={() => onPage(null)}>{t("admin.firstPage")}</Button>}
      {pageInfo?.hasNextPage && (
        <Button variant="default" onClick={() => onPage(pageInfo.endCursor ?? null)}>{t("admin.nextPage")}</Button>
      )}
    </Group>
  );
}
