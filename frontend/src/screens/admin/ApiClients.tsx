import { useState } from "react";
import { Alert, Button, Card, Checkbox, Group, SimpleGrid, Table, TextInput } from "@mantine/core";
import { useMutation, useQuery } from "urql";
import { useTranslation } from "react-i18next";
import { graphql } from "../../gql";
import { MutationForm } from "../../components/MutationForm";
import { Empty, Loading } from "../../components/States";
import { formatDate } from "../../lib/format";
import { idempotencyKey } from "../../lib/graphql";
import { SecretOnce, Pager } from "./shared";

const ClientsQuery = graphql(`
  query AdminApiClients($after: String) {
    apiClients(first: 50, after: $after) {
      edges { node { id clientId name scopes secretVersion createdAt revokedAt } }
      pageInfo { hasNextPage endCursor }
    }
  }
`);
const CreateApiClient = graphql(`
  mutation CreateApiClient($input: CreateApiClientInput!, $key: String) {
    createApiClient(input: $input, idempotencyKey: $key) { apiClient { id clientId name } clientSecret errors { field code message } }
  }
`);
const RotateSecret = graphql(`
  mutation RotateApiClientSecret($input: ApiClientInput!, $key: String) {
    rotateApiClientSecret(input: $input, idempotencyKey: $key) { apiClient { id clientId name } clientSecret errors { field code message } }
  }
`);
const RevokeApiClient = graphql(`
  mutation RevokeApiClient($input: ApiClientInput!, $key: String) {
    revokeApiClient(input: $input, idempotencyKey: $key) { apiClient { id revokedAt } errors { field code message } }
  }
`);

// The categories an agency system may be given (never audit, administration or national data).
const CATEGORIES = ["programme", "groups", "people", "incidents", "callins", "notifications", "enforcement", "support", "outreach", "tasks", "figures"];

/** Agency systems' client credentials: the secret is in the answer that made it, shown once. */
export default function ApiClients({ writable }: { writable: boolean }) {
  const { t } = useTranslation();
  const [after, setAfter] = useState<string | null>(null);
  const [{ data, fetching }, refetch] = useQuery({ query: ClientsQuery, variables: { after } });
  const [, create] = useMutation(CreateApiClient);
  const [, rotate] = useMutation(RotateSecret);
  const [, revoke] = useMutation(RevokeApiClient);
  const [name, setName] = useState("");
  const [scopes, setScopes] = useState<string[]>([]);
  const [issued, setIssued] = useState<{ clientId: string; name: string; secret: string } | null>(null);
  const [rowError, setRowError] = useState<string | null>(null);
  const reload = () => refetch({ requestPolicy: "network-only" });
  const clients = data?.apiClients?.edges ?? [];
  type Issued = { apiClient?: { id: string; clientId?: string; name?: string } | null; clientSecret?: string | null; errors: { message: string }[] } | null | undefined;
  const show = (error: { message: string } | undefined, p: Issued) => {
    const errors = error ? [error.message] : (p?.errors ?? []).map((e) => e.message);
    setRowError(errors.length ? errors.join("; ") : null);
    if (p?.apiClient && p.clientSecret) setIssued({ clientId: p.apiClient.clientId ?? "", name: p.apiClient.name ?? "", secret: p.clientSecret });
    reload();
  };
  return (
    <>
      {writable && (
        <Card withBorder mb="md">
          <MutationForm label={t("admin.newClient")} submitLabel={t("admin.newClient")} fields={["name", "scopes"]}
            submit={async (key) => {
              const r = await create({ input: { name: name.trim(), scopes }, key });
              const p = r.data?.createApiClient;
              if (p?.apiClient && p.clientSecret) setIssued({ clientId: p.apiClient.clientId, name: p.apiClient.name, secret: p.clientSecret });
              return { error: r.error ?? null, errors: p?.errors ?? [] };
            }}
            onDone={() => { setName(""); setScopes([]); reload(); }}>
            {(errors) => (
              <>
                <TextInput label={t("admin.clientName")} description={t("admin.clientNameHelp")} value={name} required
                  error={errors.byField.name} onChange={(e) => setName(e.currentTarget.value)} />
                <Checkbox.Group label={t("admin.scopes")} value={scopes} onChange={setScopes} error={errors.byField.scopes}>
                  <SimpleGrid cols={{ base: 2, md: 4 }} mt="xs">
                    {CATEGORIES.flatMap((c) => ["read", "write"].map((a) => (
                      <Checkbox key={`${c}:${a}`} value={`${c}:${a}`} label={`${c}:${a}`} />
                    )))}
                  </SimpleGrid>
                </Checkbox.Group>
              </>
            )}
          </MutationForm>
        </Card>
      )}
      {issued && (
        <SecretOnce label={t("admin.clientSecret", { name: issued.name, clientId: issued.clientId })} value={issued.secret}
          testId="client-secret" onDismiss={() => setIssued(null)} />
      )}
      {rowError && <Alert color="red" role="alert" my="sm">{rowError}</Alert>}
      {fetching && !data && <Loading />}
      {data && clients.length === 0 && <Empty>{t("admin.noClients")}</Empty>}
      {clients.length > 0 && (
        <Table.ScrollContainer minWidth={720}>
        <Table striped mt="md">
          <Table.Thead>
            <Table.Tr><Table.Th>{t("admin.name")}</Table.Th><Table.Th>client_id</Table.Th><Table.Th>{t("admin.scopes")}</Table.Th>
              <Table.Th>{t("admin.created")}</Table.Th><Table.Th>{t("groups.status")}</Table.Th>
              {writable && <Table.Th>{t("admin.actions")}</Table.Th>}</Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {clients.map(({ node: c }) => (
              <Table.Tr key={c.id}>
                <Table.Td>{c.name}</Table.Td><Table.Td><code>{c.clientId}</code></Table.Td><Table.Td>{c.scopes.join(", ")}</Table.Td>
                <Table.Td>{formatDate(c.createdAt.slice(0, 10))}</Table.Td>
                <Table.Td>{c.revokedAt ? t("admin.revoked") : t("admin.active")}</Table.Td>
                {writable && (
                  <Table.Td>
                    {!c.revokedAt && (
                      <Group gap="xs" wrap="nowrap">
                        <Button size="xs" variant="default" aria-label={t("admin.rotateOf", { name: c.name })}
                          onClick={async () => { const r = await rotate({ input: { apiClientId: c.id }, key: idempotencyKey() }); show(r.error, r.data?.rotateApiClientSecret); }}>
                          {t("admin.rotate")}
                        </Button>
                        <Button size="xs" color="red" variant="light" c="red.9" aria-label={t("admin.revokeOf", { name: c.name })}
                          onClick={async () => { const r = await revoke({ input: { apiClientId: c.id }, key: idempotencyKey() }); show(r.error, r.data?.revokeApiClient); }}>
                          {t("admin.revoke")}
                        </Button>
                      </Group>
                    )}
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        </Table.ScrollContainer>
      )}
      <Pager after={after} pageInfo={data?.apiClients?.pageInfo} onPage={setAfter} mt="sm" />
    </>
  );
}
