import { Alert, Button, Center, Loader, Stack, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { CombinedError } from "urql";

export function NotAllowed() {
  const { t } = useTranslation();
  return <Alert color="gray" title={t("app.notAllowed")} role="status" />;
}

export function NotFound() {
  const { t } = useTranslation();
  return <Alert color="gray" title={t("app.notFound")} role="status" />;
}

export function Loading() {
  const { t } = useTranslation();
  return (
    <Center p="xl">
      <Loader role="status" aria-label={t("app.loading")} />
    </Center>
  );
}

export function Empty({ children }: { children?: React.ReactNode }) {
  const { t } = useTranslation();
  return (
    <Text c="dimmed" py="md" role="status">
      {children ?? t("app.empty")}
    </Text>
  );
}

/** A query's failure in words (the server's message; never a stack), with a retry. */
export function QueryError({ error, retry }: { error: CombinedError; retry?: () => void }) {
  const { t } = useTranslation();
  const message = error.graphQLErrors.map((e) => e.message).join("; ") || error.networkError?.message || "";
  return (
    <Alert color="red" title={t("app.error")} role="alert">
      <Stack gap="xs">
        <Text size="sm">{message}</Text>
        {retry && (
          <Button size="xs" variant="light" onClick={retry} w="fit-content">
            {t("app.retry")}
          </Button>
        )}
      </Stack>
    </Alert>
  );
}
