import { useState } from "react";
import { Card, Group, NativeSelect, Table, TextInput } from "@mantine/core";
import { useMutation } from "urql";
import { useTranslation } from "react-i18next";
import { graphql } from "../../gql";
import type { OrganisationKind } from "../../gql/graphql";
import { MutationForm, payloadResult } from "../../components/MutationForm";
import { enumOptions } from "../../lib/forms";
import { useOrganisationNames } from "./shared";

const CreateOrganisation = graphql(`
  mutation CreateOrganisation($input: CreateOrganisationInput!, $key: String) {
    createOrganisation(input: $input, idempotencyKey: $key) { organisation { id } errors { field code message } }
  }
`);

const KINDS: OrganisationKind[] = ["police", "prison_probation", "social_services", "school", "employment", "municipality_other", "civil_society", "health_care"];

/** The city's partner organisations (programme:write adds one). */
export default function Organisations({ writable }: { writable: boolean }) {
  const { t } = useTranslation();
  const { data: orgs, refetch } = useOrganisationNames();
  const [, create] = useMutation(CreateOrganisation);
  const [name, setName] = useState("");
  const [kind, setKind] = useState<OrganisationKind>("civil_society");
  return (
    <>
      {writable && (
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
      )}
      <Table.ScrollContainer minWidth={720}>
      <Table striped>
        <Table.Tbody>
          {orgs?.organisations?.edges.map(({ node: o }) => (
            <Table.Tr key={o.id}><Table.Td>{o.name}</Table.Td><Table.Td>{t(`enums.OrganisationKind.${o.kind}`)}</Table.Td>
              <Table.Td>{o.active ? t("admin.active") : t("admin.inactive")}</Table.Td></Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      </Table.ScrollContainer>
    </>
  );
}
