import { useState } from "react";
import { Alert, Badge, Button, Card, Group, NativeSelect, Select, Table, TextInput } from "@mantine/core";
import { useMutation, useQuery } from "urql";
import { useTranslation } from "react-i18next";
import { graphql } from "../../gql";
import type { CityRole } from "../../gql/graphql";
import { MutationForm } from "../../components/MutationForm";
import { Empty, Loading } from "../../components/States";
import { idempotencyKey } from "../../lib/graphql";
import { SecretOnce, useOrganisationNames, Pager } from "./shared";

const UsersQuery = graphql(`
  query AdminUsers($after: String) {
    users(first: 50, after: $after) {
      edges { node { id username displayName role organisationId status singleSignOn mfaEnrolled } }
      pageInfo { hasNextPage endCursor }
    }
  }
`);
const CreateUser = graphql(`
  mutation CreateUser($input: CreateUserInput!, $key: String) {
    createUser(input: $input, idempotencyKey: $key) { user { id username } initialPassword errors { field code message } }
  }
`);
const SetUserRole = graphql(`
  mutation SetUserRole($input: SetUserRoleInput!, $key: String) {
    setUserRole(input: $input, idempotencyKey: $key) { user { id role } errors { field code message } }
  }
`);
const SetUserStatus = graphql(`
  mutation SetUserStatus($input: SetUserStatusInput!, $key: String) {
    setUserStatus(input: $input, idempotencyKey: $key) { user { id status } errors { field code message } }
  }
`);
const ResetUserMfa = graphql(`
  mutation ResetUserMfa($input: ResetUserMfaInput!, $key: String) {
    resetUserMfa(input: $input, idempotencyKey: $key) { user { id mfaEnrolled } errors { field code message } }
  }
`);

export const ROLES: CityRole[] = ["coordinator", "analyst", "caseworker", "outreach", "viewer", "auditor"];

/** Accounts and roles: create (initial password shown once), change role, disable, reset the second factor. */
export default function Users({ writable }: { writable: boolean }) {
  const { t } = useTranslation();
  const [after, setAfter] = useState<string | null>(null);
  const [{ data, fetching }, refetch] = useQuery({ query: UsersQuery, variables: { after } });
  const { names, options } = useOrganisationNames();
  const [, create] = useMutation(CreateUser);
  const [, setRole] = useMutation(SetUserRole);
  const [, setStatus] = useMutation(SetUserStatus);
  const [, resetMfa] = useMutation(ResetUserMfa);
  const [form, setForm] = useState({ username: "", displayName: "", role: "caseworker" as CityRole, organisationId: "" });
  const [issued, setIssued] = useState<{ username: string; password: string } | null>(null);
  const [rowError, setRowError] = useState<string | null>(null);
  const reload = () => refetch({ requestPolicy: "network-only" });
  const act = async (r: { error?: { message: string }; data?: Record<string, { errors: { message: string }[] } | null> | null }, field: string) => {
    const errors = r.error ? [r.error.message] : (r.data?.[field]?.errors ?? []).map((e) => e.message);
    setRowError(errors.length ? errors.join("; ") : null);
    if (!errors.length) reload();
  };
  const users = data?.users?.edges ?? [];
  return (
    <>
      {writable && (
        <Card withBorder mb="md">
          <MutationForm label={t("admin.newUser")} submitLabel={t("admin.newUser")}
            fields={["username", "displayName", "role", "organisationId"]}
            submit={async (key) => {
              const r = await create({ input: { ...form, username: form.username.trim() }, key });
              const p = r.data?.createUser;
              if (p?.user && p.initialPassword) setIssued({ username: p.user.username, password: p.initialPassword });
              return { error: r.error ?? null, errors: p?.errors ?? [] };
            }}
            onDone={() => { setForm({ ...form, username: "", displayName: "" }); reload(); }}>
            {(errors) => (
              <Group grow align="flex-start">
                <TextInput label={t("signIn.username")} value={form.username} required error={errors.byField.username}
                  onChange={(e) => setForm({ ...form, username: e.currentTarget.value })} />
                <TextInput label={t("admin.name")} value={form.displayName} required error={errors.byField.displayName}
                  onChange={(e) => setForm({ ...form, displayName: e.currentTarget.value })} />
                <NativeSelect label={t("admin.role")} value={form.role} error={errors.byField.role}
                  data={ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
                  onChange={(e) => setForm({ ...form, role: e.currentTarget.value as CityRole })} />
                <Select label={t("admin.organisation")} data={options} value={form.organisationId || null} searchable required
                  error={errors.byField.organisationId} onChange={(v) => setForm({ ...form, organisationId: v ?? "" })} />
              </Group>
            )}
          </MutationForm>
        </Card>
      )}
      {issued && (
        <SecretOnce label={t("admin.initialPassword", { username: issued.username })} value={issued.password}
          testId="initial-password" onDismiss={() => setIssued(null)} />
      )}
      {rowError && <Alert color="red" role="alert" my="sm">{rowError}</Alert>}
      {fetching && !data && <Loading />}
      {data && users.length === 0 && <Empty>{t("admin.noUsers")}</Empty>}
      {users.length > 0 && (
        <Table.ScrollContainer minWidth={720}>
        <Table striped mt="md">
          <Table.Thead>
            <Table.Tr><Table.Th>{t("signIn.username")}</Table.Th><Table.Th>{t("admin.name")}</Table.Th><Table.Th>{t("admin.role")}</Table.Th>
              <Table.Th>{t("admin.organisation")}</Table.Th><Table.Th>{t("admin.signIn")}</Table.Th><Table.Th>{t("groups.status")}</Table.Th>
              {writable && <Table.Th>{t("admin.actions")}</Table.Th>}</Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {users.map(({ node: u }) => (
              <Table.Tr key={u.id}>
                <Table.Td>{u.username}</Table.Td><Table.Td>{u.displayName}</Table.Td>
                <Table.Td>
                  {writable ? (
                    <NativeSelect aria-label={t("admin.roleOf", { username: u.username })} value={u.role} size="xs"
                      data={ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
                      onChange={async (e) => act(await setRole({ input: { userId: u.id, role: e.currentTarget.value as CityRole }, key: idempotencyKey() }), "setUserRole")} />
                  ) : t(`roles.${u.role}`)}
                </Table.Td>
                <Table.Td>{names.get(u.organisationId) ?? "–"}</Table.Td>
                <Table.Td>{u.singleSignOn ? "SSO" : u.mfaEnrolled ? t("admin.passwordTotp") : t("admin.password")}</Table.Td>
                <Table.Td><Badge variant="light" color={u.status === "active" ? "green" : "gray"} c="dark">{t(`admin.status.${u.status}`)}</Badge></Table.Td>
                {writable && (
                  <Table.Td>
                    <Group gap="xs" wrap="nowrap">
                      <Button size="xs" variant="default" aria-label={t(u.status === "active" ? "admin.disableUser" : "admin.enableUser", { username: u.username })}
                        onClick={async () => act(await setStatus({ input: { userId: u.id, status: u.status === "active" ? "disabled" : "active" }, key: idempotencyKey() }), "setUserStatus")}>
                        {u.status === "active" ? t("admin.disable") : t("admin.enable")}
                      </Button>
                      {u.mfaEnrolled && (
                        <Button size="xs" variant="default" aria-label={t("admin.resetMfaOf", { username: u.username })}
                          onClick={async () => act(await resetMfa({ input: { userId: u.id }, key: idempotencyKey() }), "resetUserMfa")}>
                          {t("admin.resetMfa")}
                        </Button>
                      )}
                    </Group>
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        </Table.ScrollContainer>
      )}
      <Pager after={after} pageInfo={data?.users?.pageInfo} onPage={setAfter} mt="sm" />
    </>
  );
}
