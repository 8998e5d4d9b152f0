import { useEffect, useState } from "react";
import { Alert, Badge, Card, Group, NativeSelect, Stack, Table, Tabs, Text, TextInput, Title } from "@mantine/core";
import { useMutation, useQuery } from "urql";
import { useTranslation } from "react-i18next";
import { graphql } from "../gql";
import type { OrganisationKind } from "../gql/graphql";
import { getJson } from "../lib/api";
import { MutationForm, payloadResult } from "../components/MutationForm";
import { Loading } from "../components/States";
import { enumOptions } from "../lib/forms";
import { rawId } from "../lib/graphql";

interface UserRow { id: string; username: string; display_name: string; role: string; organisation_id: string; status: string; sso: boolean; mfa_enrolled: boolean }
interface ClientRow { client_id: string; name: string; scopes: string[]; revoked: boolean; secret_version: number }

const AdminOrganisations = graphql(`
  query AdminOrganisations { organisations(first: 100) { edges { node { id name kind active } } } }
`);
const CreateOrganisation = graphql(`
  mutation CreateOrganisation($input: CreateOrganisationInput!, $key: String) {
    createOrganisation(input: $input, idempotencyKey: $key) { organisation { id } errors { field code message } }
  }
`);

const KINDS: OrganisationKind[] = ["police", "prison_probation", "social_services", "school", "employment", "municipality_other", "civil_society", "health_care"];

function useRest<T>(path: string) {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    getJson<T>(path).then(setData, (e) => setError(e instanceof Error ? e.message : String(e)));
  }, [path]);
  return { data, error };
}

/** The coordinator's administration: accounts, API clients and partner organisations of the city. */
export default function Admin() {
  const { t } = useTranslation();
  const users = useRest<UserRow[]>("/api/users");
  const clients = useRest<ClientRow[]>("/api/clients");
  const [{ data: orgs }, refetch] = useQuery({ query: AdminOrganisations });
  const [, create] = useMutation(CreateOrganisation);
  const [name, setName] = useState("");
  const [kind, setKind] = useState<OrganisationKind>("civil_society");
  const orgName = (id: string) => orgs?.organisations?.edges.find((e) => rawId(e.node.id) === id)?.node.name ?? "–";
  return (
    <Stack>
      <Title order={2}>{t("admin.title")}</Title>
      <Tabs defaultValue="users">
        <Tabs.List>
          <Tabs.Tab value="users">{t("admin.users")}</Tabs.Tab>
          <Tabs.Tab value="organisations">{t("admin.organisations")}</Tabs.Tab>
          <Tabs.Tab value="clients">{t("admin.clients")}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="users" pt="md">
          {users.error && <Alert color="red" role="alert">{users.error}</Alert>}
          {!users.data && !users.error && <Loading />}
          {users.data && (
            <Table striped>
              <Table.Thead>
                <Table.Tr><Table.Th>{t("signIn.username")}</Table.Th><Table.Th>{t("admin.name")}</Table.Th><Table.Th>{t("admin.role")}</Table.Th>
                  <Table.Th>{t("admin.organisation")}</Table.Th><Table.Th>{t("admin.signIn")}</Table.Th><Table.Th>{t("groups.status")}</Table.Th></Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {users.data.map((u) => (
                  <Table.Tr key={u.id}>
                    <Table.Td>{u.username}</Table.Td><Table.Td>{u.display_name}</Table.Td><Table.Td>{t(`roles.${u.role}`)}</Table.Td>
                    <Table.Td>{orgName(u.organisation_id)}</Table.Td>
                    <Table.Td>{u.sso ? "SSO" : u.mfa_enrolled ? t("admin.passwordTotp") : t("admin.password")}</Table.Td>
                    <Table.Td><Badge variant="light" color={u.status === "active" ? "green" : "gray"} c="dark">{u.status}</Badge></Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
          <Text size="sm" c="dimmed" mt="sm">{t("admin.usersCli")}</Text>
        </Tabs.Panel>
        <Tabs.Panel value="organisations" pt="md">
          <Card withBorder mb="md">
            <MutationForm label={t("admin.newOrganisation")} fields={["name", "kind"]} submitLabel={t("admin.newOrganisation")}
              onDone={() => { setName(""); refetch({ requestPolicy: "network-only" }); }}
              submit={async (key) => payloadResult(await create({ input: { name: name.trim(), kind, active: true }, key }), "createOrganisation")}>
              {(errors) => (
                <Group grow align="flex-start">
                  <TextInput label={t("admin.name")} value={name} onChange={(e) => setName(e.currentTarget.value)} error={errors.byField.name} required />
                  <NativeSelect label={t("admin.kind")} value={kind} data={enumOptions(t, "OrganisationKind", KINDS)}
                    onChange={(e) => setKind(e.currentTarget.value as OrganisationKind)} />
                </Group>
              )}
            </MutationForm>
          </Card>
          <Table striped>
            <Table.Tbody>
              {orgs?.organisations?.edges.map(({ node: o }) => (
                <Table.Tr key={o.id}><Table.Td>{o.name}</Table.Td><Table.Td>{t(`enums.OrganisationKind.${o.kind}`)}</Table.Td>
                  <Table.Td>{o.active ? t("admin.active") : t("admin.inactive")}</Table.Td></Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Tabs.Panel>
        <Tabs.Panel value="clients" pt="md">
          {clients.error && <Alert color="red" role="alert">{clients.error}</Alert>}
          {clients.data && clients.data.length === 0 && <Text c="dimmed">{t("admin.noClients")}</Text>}
          {clients.data && clients.data.length > 0 && (
            <Table striped>
              <Table.Tbody>
                {clients.data.map((c) => (
                  <Table.Tr key={c.client_id}><Table.Td>{c.name}</Table.Td><Table.Td><code>{c.client_id}</code></Table.Td>
                    <Table.Td>{c.scopes.join(", ")}</Table.Td><Table.Td>{c.revoked ? t("admin.revoked") : t("admin.active")}</Table.Td></Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
          <Text size="sm" c="dimmed" mt="sm">{t("admin.clientsCli")}</Text>
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
