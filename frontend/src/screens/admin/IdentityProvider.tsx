import { useEffect, useState } from "react";
import { ActionIcon, Button, Card, Code, Group, NativeSelect, PasswordInput, Select, Stack, Text, TextInput } from "@mantine/core";
import { useMutation, useQuery } from "urql";
import { useTranslation } from "react-i18next";
import { graphql } from "../../gql";
import type { CityRole } from "../../gql/graphql";
import { MutationForm } from "../../components/MutationForm";
import { Loading } from "../../components/States";
import { ROLES } from "./Users";
import { useOrganisationNames } from "./shared";

const IdpQuery = graphql(`
  query AdminIdentityProvider {
    identityProvider { issuer clientId scopes roleClaim roleMapping { claimValue role } organisationId enabled updatedAt redirectUri loginUrl }
  }
`);
const SaveIdp = graphql(`
  mutation SaveIdentityProvider($input: SaveIdentityProviderInput!, $key: String) {
    saveIdentityProvider(input: $input, idempotencyKey: $key) { identityProvider { issuer } errors { field code message } }
  }
`);

type Mapping = { claimValue: string; role: CityRole };

/** The city's single sign-on: issuer, client, which claim values give which role. The secret is write-only. */
export default function IdentityProvider({ writable }: { writable: boolean }) {
  const { t } = useTranslation();
  const [{ data, fetching }, refetch] = useQuery({ query: IdpQuery });
  const { options, names } = useOrganisationNames();
  const [, save] = useMutation(SaveIdp);
  const idp = data?.identityProvider;
  const [form, setForm] = useState({ issuer: "", clientId: "", clientSecret: "", organisationId: "", roleClaim: "groups",
                                     scopes: "openid profile email" });
  const [mapping, setMapping] = useState<Mapping[]>([{ claimValue: "", role: "viewer" }]);
  useEffect(() => {
    if (!idp) return;
    setForm({ issuer: idp.issuer, clientId: idp.clientId, clientSecret: "", organisationId: idp.organisationId, roleClaim: idp.roleClaim, scopes: idp.scopes });
    setMapping(idp.roleMapping.map((m) => ({ claimValue: m.claimValue, role: m.role as CityRole })));
  }, [idp]);
  if (fetching && !data) return <Loading />;
  return (
    <Stack>
      {idp ? (
        <Card withBorder>
          <Text size="sm">{t("admin.idpRedirect")} <Code>{idp.redirectUri}</Code></Text>
          <Text size="sm">{t("admin.idpLogin")} <Code>{idp.loginUrl}</Code></Text>
          <Text size="sm">{t("admin.organisation")}: {names.get(idp.organisationId) ?? "–"}</Text>
        </Card>
      ) : <Text c="dimmed" role="status">{t("admin.noIdp")}</Text>}
      {writable && (
        <Card withBorder>
          <MutationForm label={t("admin.idp")} fields={["issuer", "clientId", "clientSecret", "organisationId", "roleClaim", "roleMapping", "scopes"]}
            onDone={() => { setForm({ ...form, clientSecret: "" }); refetch({ requestPolicy: "network-only" }); }}
            submit={async (key) => {
              const r = await save({ input: { ...form, clientSecret: form.clientSecret || null,
                                              roleMapping: mapping.filter((m) => m.claimValue.trim()) }, key });
              return { error: r.error ?? null, errors: r.data?.saveIdentityProvider?.errors ?? [] };
            }}>
            {(errors) => (
              <Stack gap="xs">
                <TextInput label={t("admin.issuer")} description="https://…" value={form.issuer} required error={errors.byField.issuer}
                  onChange={(e) => setForm({ ...form, issuer: e.currentTarget.value })} />
                <Group grow align="flex-start">
                  <TextInput label="Client ID" value={form.clientId} required error={errors.byField.clientId}
                    onChange={(e) => setForm({ ...form, clientId: e.currentTarget.value })} />
                  <PasswordInput label={t("admin.idpSecret")} description={idp ? t("admin.idpSecretKeep") : undefined}
                    value={form.clientSecret} error={errors.byField.clientSecret} autoComplete="new-password"
                    onChange={(e) => setForm({ ...form, clientSecret: e.currentTarget.value })} />
                </Group>
                <Group grow align="flex-start">
                  <Select label={t("admin.idpOrganisation")} data={options} value={form.organisationId || null} required searchable
                    error={errors.byField.organisationId} onChange={(v) => setForm({ ...form, organisationId: v ?? "" })} />
                  <TextInput label={t("admin.roleClaim")} value={form.roleClaim} error={errors.byField.roleClaim}
                    onChange={(e) => setForm({ ...form, roleClaim: e.currentTarget.value })} />
                  <TextInput label={t("admin.idpScopes")} value={form.scopes} error={errors.byField.scopes}
                    onChange={(e) => setForm({ ...form, scopes: e.currentTarget.value })} />
                </Group>
                <Text fw={500} size="sm">{t("admin.roleMapping")}</Text>
                {errors.byField.roleMapping && <Text c="red.8" size="sm" role="alert">{errors.byField.roleMapping}</Text>}
                {mapping.map((m, i) => (
                  <Group key={i} align="flex-end">
                    <TextInput label={t("admin.claimValue")} value={m.claimValue}
                      onChange={(e) => { const v = e.currentTarget.value; setMapping(mapping.map((x, j) => (j === i ? { ...x, claimValue: v } : x))); }} />
                    <NativeSelect label={t("admin.role")} value={m.role} data={ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
                      onChange={(e) => { const v = e.currentTarget.value as CityRole; setMapping(mapping.map((x, j) => (j === i ? { ...x, role: v } : x))); }} />
                    <ActionIcon variant="default" size="lg" aria-label={t("admin.removeRow")} onClick={() => setMapping(mapping.filter((_, j) => j !== i))}>×</ActionIcon>
                  </Group>
                ))}
                <Group><Button variant="default" size="xs" onClick={() => setMapping([...mapping, { claimValue: "", role: "viewer" }])}>{t("admin.addRow")}</Button></Group>
              </Stack>
            )}
          </MutationForm>
        </Card>
      )}
    </Stack>
  );
}
