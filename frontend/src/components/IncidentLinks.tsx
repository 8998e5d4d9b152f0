import { useState } from "react";
import { Group, NativeSelect } from "@mantine/core";
import { useMutation } from "urql";
import { useTranslation } from "react-i18next";
import { graphql } from "../gql";
import type { IncidentRole } from "../gql/graphql";
import { usePurposeContext } from "../purpose";
import { enumOptions } from "../lib/forms";
import { GroupSelect, PersonPicker } from "./Pickers";
import { MutationForm, payloadResult } from "./MutationForm";

const ROLES: IncidentRole[] = ["suspected_perpetrator", "victim", "target"];

const LinkGroup = graphql(`
  mutation LinkIncidentGroup($input: LinkIncidentGroupInput!, $key: String) {
    linkIncidentGroup(input: $input, idempotencyKey: $key) { incident { id } errors { field code message } }
  }
`);

const LinkPerson = graphql(`
  mutation LinkIncidentPerson($input: LinkIncidentPersonInput!, $key: String) {
    linkIncidentPerson(input: $input, idempotencyKey: $key) { incident { id } errors { field code message } }
  }
`);

/** Link a group (with its role) to an incident; shown only to roles that write incidents and read groups. */
export function LinkGroupForm({ incidentId, onDone }: { incidentId: string; onDone: () => void }) {
  const { t } = useTranslation();
  const context = usePurposeContext();
  const [, link] = useMutation(LinkGroup);
  const [groupId, setGroupId] = useState<string | null>(null);
  const [role, setRole] = useState<IncidentRole>("suspected_perpetrator");
  return (
    <MutationForm label={t("incidentLinks.linkGroup")} fields={["groupId", "role"]} submitLabel={t("incidentLinks.link")}
      onDone={() => { setGroupId(null); onDone(); }}
      submit={async (key) => payloadResult(await link({ input: { incidentId, groupId: groupId ?? "", role }, key }, context), "linkIncidentGroup")}>
      {(errors) => (
        <Group grow align="flex-start">
          <GroupSelect label={t("incidentLinks.group")} value={groupId} onChange={setGroupId} error={errors.byField.groupId} />
          <NativeSelect label={t("incidentLinks.role")} value={role} data={enumOptions(t, "IncidentRole", ROLES)}
            onChange={(e) => setRole(e.currentTarget.value as IncidentRole)} error={errors.byField.role} />
        </Group>
      )}
    </MutationForm>
  );
}

/** Link a person (with their role: a victim stays a victim) to an incident. */
export function LinkPersonForm({ incidentId, onDone }: { incidentId: string; onDone: () => void }) {
  const { t } = useTranslation();
  const context = usePurposeContext();
  const [, link] = useMutation(LinkPerson);
  const [personId, setPersonId] = useState<string | null>(null);
  const [role, setRole] = useState<IncidentRole>("victim");
  return (
    <MutationForm label={t("incidentLinks.linkPerson")} fields={["personId", "role"]} submitLabel={t("incidentLinks.link")}
      onDone={() => { setPersonId(null); onDone(); }}
      submit={async (key) => payloadResult(await link({ input: { incidentId, personId: personId ?? "", role }, key }, context), "linkIncidentPerson")}>
      {(errors) => (
        <Group grow align="flex-start">
          <PersonPicker label={t("incidentLinks.person")} value={personId} onChange={setPersonId} error={errors.byField.personId} />
          <NativeSelect label={t("incidentLinks.personRole")} value={role} data={enumOptions(t, "IncidentRole", ROLES)}
            onChange={(e) => setRole(e.currentTarget.value as IncidentRole)} error={errors.byField.role} />
        </Group>
      )}
    </MutationForm>
  );
}
