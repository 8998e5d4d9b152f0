import { useState } from "react";
import { Alert, Anchor, Badge, Card, Group, NativeSelect, SimpleGrid, Stack, Stepper, Table, Text, TextInput, Title } from "@mantine/core";
import { Link, useParams } from "react-router-dom";
import { useMutation, useQuery } from "urql";
import { useTranslation } from "react-i18next";
import { graphql } from "../gql";
import type { Attendance, SpeakerCategory } from "../gql/graphql";
import { useAuth } from "../auth";
import { usePurposeContext } from "../purpose";
import { PurposeGate } from "../components/Purpose";
import { DateField } from "../components/DateField";
import { GroupSelect, OrganisationSelect, PersonPicker } from "../components/Pickers";
import { MutationForm, payloadResult } from "../components/MutationForm";
import { CancelCallInButton } from "../components/CancelCallIn";
import { Loading, NotFound, QueryError } from "../components/States";
import { formatDate, today } from "../lib/format";
import { enumOptions, orNull } from "../lib/forms";
import { idempotencyKey } from "../lib/graphql";
import { CALL_IN_COLOR } from "./CallIns";

const CallInQuery = graphql(`
  query CallIn($id: ID!, $people: Boolean!, $groups: Boolean!) {
    callIn(id: $id) {
      id heldOn venue status rehearsalOn preMeetingAt message supportOffer followUp cancellationReason
      speakers { name category organisation { name } }
      clients { id attendance followUp person @include(if: $people) { id displayName } group @include(if: $groups) { id name }
        referringOrganisation { name } }
    }
  }
`);

const Rehearse = graphql(`
  mutation RecordRehearsal($input: RecordCallInRehearsalInput!, $key: String) {
    recordCallInRehearsal(input: $input, idempotencyKey: $key) { callIn { id status rehearsalOn } errors { field code message } }
  }
`);
const Hold = graphql(`
  mutation MarkHeld($input: MarkCallInHeldInput!, $key: String) {
    markCallInHeld(input: $input, idempotencyKey: $key) { callIn { id status followUp } errors { field code message } }
  }
`);
const AddSpeaker = graphql(`
  mutation AddSpeaker($input: AddCallInSpeakerInput!, $key: String) {
    addCallInSpeaker(input: $input, idempotencyKey: $key) { callIn { id } errors { field code message } }
  }
`);
const Invite = graphql(`
  mutation InviteClient($input: InviteCallInClientInput!, $key: String) {
    inviteCallInClient(input: $input, idempotencyKey: $key) { callIn { id } errors { field code message } }
  }
`);
const Attend = graphql(`
  mutation RecordAttendance($input: RecordAttendanceInput!, $key: String) {
    recordAttendance(input: $input, idempotencyKey: $key) { callIn { id clients { id attendance } } errors { field code message } }
  }
`);

const STEPS = ["planned", "rehearsed", "held"];
const SPEAKERS: SpeakerCategory[] = ["law_enforcement", "prison_probation", "municipality", "civil_society", "health_care", "community_moral_voice"];
const ATTENDANCE: Attendance[] = ["invited", "attended", "absent", "excused"];

function CallInView() {
  const { id = "" } = useParams();
  const { t } = useTranslation();
  const { can } = useAuth();
  const context = usePurposeContext();
  const [{ data, fetching, error }, refetch] = useQuery({ query: CallInQuery, variables: { id, people: can("people"), groups: can("groups") }, context });
  const [, rehearse] = useMutation(Rehearse);
  const [, hold] = useMutation(Hold);
  const [, addSpeaker] = useMutation(AddSpeaker);
  const [, invite] = useMutation(Invite);
  const [, attend] = useMutation(Attend);
  const [rehearsalOn, setRehearsalOn] = useState<string | null>(today());
  const [followUp, setFollowUp] = useState("");
  const [speaker, setSpeaker] = useState({ name: "", category: "law_enforcement" as SpeakerCategory, organisationId: null as string | null });
  const [client, setClient] = useState({ personId: null as string | null, groupId: null as string | null });
  const [attendanceError, setAttendanceError] = useState<string | null>(null);
  if (error) return <QueryError error={error} />;
  if (!data) return fetching ? <Loading /> : null;
  const c = data.callIn;
  if (!c) return <NotFound />;
  const reload = () => refetch({ requestPolicy: "network-only" });
  const writable = can("callins", "write");
  const active = c.status === "cancelled" ? -1 : STEPS.indexOf(c.status) + 1;

  const setAttendance = async (clientId: string, attendance: Attendance) => {
    const r = await attend({ input: { clientId, attendance }, key: idempotencyKey() }, context);
    const errors = r.data?.recordAttendance.errors ?? [];
    setAttendanceError(r.error?.message ?? (errors.length ? errors.map((e) => e.message).join("; ") : null));
  };

  return (
    <Stack>
      <Group justify="space-between" align="flex-start">
        <Group>
          <Title order={2}>{t("callIns.one")} {formatDate(c.heldOn)} – {c.venue}</Title>
          <Badge color={CALL_IN_COLOR[c.status]} variant="light" c="dark">{t(`enums.CallInStatus.${c.status}`)}</Badge>
        </Group>
        {/* only a role that may write call-ins sees the button, and only while cancelling is a legal move */}
        {writable && (c.status === "planned" || c.status === "rehearsed") && <CancelCallInButton callInId={c.id} onDone={reload} />}
      </Group>
      {c.status === "cancelled" && (
        <Alert color="gray" title={t("callInCancel.reasonShown")} role="status" data-testid="cancellation">
          {c.cancellationReason ?? "–"}
        </Alert>
      )}
      <Stepper active={active} size="sm" allowNextStepsSelect={false}>
        <Stepper.Step label={t("callIns.stepPlan")} description={formatDate(c.heldOn)} />
        <Stepper.Step label={t("callIns.rehearsal")} description={formatDate(c.rehearsalOn)} />
        <Stepper.Step label={t("callIns.stepHeld")} />
      </Stepper>
      {(c.message || c.supportOffer) && (
        <Card withBorder>
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            <div><Text size="xs" c="dimmed" fw={600}>{t("callIns.message")}</Text><Text>{c.message ?? "–"}</Text></div>
            <div><Text size="xs" c="dimmed" fw={600}>{t("callIns.supportOffer")}</Text><Text>{c.supportOffer ?? "–"}</Text></div>
          </SimpleGrid>
        </Card>
      )}
      {writable && c.status === "planned" && (
        <Card withBorder>
          <MutationForm label={t("callIns.rehearsal")} fields={["rehearsalOn"]} submitLabel={t("callIns.recordRehearsal")} onDone={reload}
            submit={async (key) => payloadResult(await rehearse({ input: { callInId: c.id, rehearsalOn: rehearsalOn ?? "" }, key }, context), "recordCallInRehearsal")}>
            {(errors) => <DateField label={t("callIns.rehearsalOn")} value={rehearsalOn} onChange={setRehearsalOn} error={errors.byField.rehearsalOn} w={200} />}
          </MutationForm>
        </Card>
      )}
      {writable && c.status === "rehearsed" && (
        <Card withBorder>
          <MutationForm label={t("callIns.stepHeld")} fields={["followUp"]} submitLabel={t("callIns.markHeld")} onDone={reload}
            submit={async (key) => payloadResult(await hold({ input: { callInId: c.id, followUp: orNull(followUp) }, key }, context), "markCallInHeld")}>
            {(errors) => <TextInput label={t("callIns.followUp")} value={followUp} onChange={(e) => setFollowUp(e.currentTarget.value)} error={errors.byField.followUp} />}
          </MutationForm>
        </Card>
      )}
      <Card withBorder>
        <Title order={3} size="h4">{t("callIns.speakers")}</Title>
        <Table>
          <Table.Tbody>
            {c.speakers.map((s, n) => (
              <Table.Tr key={n}><Table.Td>{s.name}</Table.Td><Table.Td>{t(`enums.SpeakerCategory.${s.category}`)}</Table.Td>
                <Table.Td>{s.organisation?.name ?? "–"}</Table.Td></Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {writable && c.status !== "cancelled" && (
          <MutationForm label={t("callIns.addSpeaker")} fields={["name", "category", "organisationId"]} variant="light" submitLabel={t("callIns.addSpeaker")}
            onDone={() => { setSpeaker({ ...speaker, name: "" }); reload(); }}
            submit={async (key) => payloadResult(await addSpeaker({ input: { callInId: c.id, name: speaker.name.trim(), category: speaker.category,
              organisationId: speaker.organisationId }, key }, context), "addCallInSpeaker")}>
            {(errors) => (
              <Group grow align="flex-start">
                <TextInput label={t("callIns.speakerName")} value={speaker.name} onChange={(e) => setSpeaker({ ...speaker, name: e.currentTarget.value })} error={errors.byField.name} />
                <NativeSelect label={t("callIns.category")} value={speaker.category} data={enumOptions(t, "SpeakerCategory", SPEAKERS)}
                  onChange={(e) => setSpeaker({ ...speaker, category: e.currentTarget.value as SpeakerCategory })} />
                <OrganisationSelect label={t("callIns.organisation")} value={speaker.organisationId} onChange={(v) => setSpeaker({ ...speaker, organisationId: v })}
                  error={errors.byField.organisationId} />
              </Group>
            )}
          </MutationForm>
        )}
      </Card>
      <Card withBorder>
        <Title order={3} size="h4">{t("callIns.clients")}</Title>
        {attendanceError && <Text c="red" role="alert">{attendanceError}</Text>}
        <Table>
          <Table.Thead>
            <Table.Tr><Table.Th>{t("people.name")}</Table.Th><Table.Th>{t("groups.title")}</Table.Th>
              <Table.Th>{t("callIns.attendance")}</Table.Th></Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {c.clients.map((k) => (
              <Table.Tr key={k.id}>
                <Table.Td>{k.person ? <Anchor component={Link} to={`/people/${k.person.id}`}>{k.person.displayName}</Anchor> : "–"}</Table.Td>
                <Table.Td>{k.group?.name ?? "–"}</Table.Td>
                <Table.Td>
                  {writable && c.status === "held" ? (
                    <NativeSelect aria-label={`${t("callIns.attendance")} ${k.person?.displayName ?? ""}`} defaultValue={k.attendance}
                      data={enumOptions(t, "Attendance", ATTENDANCE)} onChange={(e) => void setAttendance(k.id, e.currentTarget.value as Attendance)} w={180} />
                  ) : t(`enums.Attendance.${k.attendance}`)}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {writable && can("people") && c.status !== "cancelled" && (
          <MutationForm label={t("callIns.invite")} fields={["personId", "groupId"]} variant="light" submitLabel={t("callIns.invite")}
            onDone={reload}
            submit={async (key) => payloadResult(await invite({ input: { callInId: c.id, personId: client.personId ?? "", groupId: client.groupId }, key }, context),
              "inviteCallInClient")}>
            {(errors) => (
              <Group grow align="flex-start">
                <PersonPicker label={t("callIns.client")} value={client.personId} onChange={(v) => setClient({ ...client, personId: v })} error={errors.byField.personId} />
                {can("groups") && <GroupSelect label={t("callIns.represents")} value={client.groupId} onChange={(v) => setClient({ ...client, groupId: v })}
                  error={errors.byField.groupId} />}
              </Group>
            )}
          </MutationForm>
        )}
      </Card>
    </Stack>
  );
}

export default function CallInPage() {
  return <PurposeGate><CallInView /></PurposeGate>;
}
