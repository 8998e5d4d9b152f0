import { useMemo } from "react";
import { Alert, Button, Code, CopyButton, Group, Stack, Text } from "@mantine/core";
import { useQuery } from "urql";
import { useTranslation } from "react-i18next";
import { graphql } from "../../gql";

export const AdminOrganisations = graphql(`
  query AdminOrganisations { organisations(first: 100) { edges { node { id name kind active } } } }
`);

/** The city's organisations by global id (names for the registers' rows). */
export function useOrganisationNames() {
  const [{ data }, refetch] = useQuery({ query: AdminOrganisations });
  const names = useMemo(() => new Map((data?.organisations?.edges ?? []).map((e) => [e.node.id, e.node.name])), [data]);
  const options = useMemo(
    () => (data?.organisations?.edges ?? []).filter((e) => e.node.active).map((e) => ({ value: e.node.id, label: e.node.name })),
    [data],
  );
  return { data, names, options, refetch };
}

/** A secret in the one answer that carries it: shown once, with a copy button, never fetched again. */
export function SecretOnce({ label, value, onDismiss, testId }: { label: string; value: string; onDismiss: () => void; testId: string }) {
  const { t } = useTranslation();
  return (
    <Alert color="yellow" c="dark" title={label} role="status" data-testid={testId}>
      <Stack gap="xs">
        <Text size="sm">{t("admin.secretOnce")}</Text>
        <Group gap="xs" wrap="nowrap">
          <Code fz="md" style={{ wordBreak: "break-all" }} data-testid={`${testId}-value`}>{value}</Code>
          <CopyButton value={value}>
            {({ copied, copy }) => (
              <Button size="xs" variant="default" onClick={copy}>{copied ? t("admin.copied") : t("admin.copy")}</Button>
            )}
          </CopyButton>
        </Group>
        <Group justify="flex-end"><Button size="xs" onClick={onDismiss}>{t("admin.secretStored")}</Button></Group>
      </Stack>
    </Alert>
  );
}

// The registers page with the API's keyset cursors (the same pager as every list).
export { Pager } from "../../components/Pager";
