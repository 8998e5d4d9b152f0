import { useState } from "react";
import { Anchor, Badge, Button, Checkbox, Group, Modal, NativeSelect, Stack, Table, TextInput, Title } from "@mantine/core";
import { Link } from "react-router-dom";
import { useMutation, useQuery } from "urql";
import { useTranslation } from "react-i18next";
import { graphql } from "../gql";
import type { NotificationOutcome, NotificationSetting } from "../gql/graphql";
import { useAuth } from "../auth";
import { usePurposeContext } from "../purpose";
import { PurposeGate } from "../components/Purpose";
import { DateField } from "../components/DateField";
import { OrganisationSelect, PersonPicker } from "../components/Pickers";
import { MutationForm, payloadResult } from "../components/MutationForm";
import { Empty, Loading, QueryError } from "../components/States";
import { Pager } from "../components/Pager";
import { formatDate, today } from "../lib/format";
import { enumOptions, orNull } from "../lib/forms";

const NotificationsQuery = graphql(`
  query CustomNotifications($people: Boolean!, $after: String) {
    customNotifications(first: 100, after: $after) {
      edges { node { id deliveredOn setting outcome supportOffered deliveredBy followUpOn organisations { name }
        person @include(if: $people) { id displayName } } }
      pageInfo { hasNextPage endCursor }
    }
  }
`);
const Record = graphql(`
  mutation RecordCustomNotification($input: RecordCustomNotificationInput!, $key: String) {
    recordCustomNotification(input: $input, idempotencyKey: $key) { notification { id } errors { field code message } }
  }
`);

const SETTINGS: NotificationSetting[] = ["home", "custody", "street", "school", "other"];
const OUTCOMES: NotificationOutcome[] = ["delivered", "refused", "not_reached"];

function RecordForm({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const context = usePurposeContext();
  const [, record] = useMutation(Record);
  const [v, setV] = useState({ personId: null as string | null, deliveredOn: today() as string | null, setting: "home" as NotificationSetting,
    deliveredBy: "", organisationId: null as string | null, outcome: "delivered" as NotificationOutcome, supportOffered: true, message: "" });
  return (
    <MutationForm label={t("notifications.record")} onDone={onDone}
      fields={["personId", "deliveredOn", "setting", "deliveredBy", "organisationIds", "outcome", "message"]}
      submit={async (key) => payloadResult(await record({ input: { personId: v.personId ?? "", deliveredOn: v.deliveredOn ?? "", setting: v.setting,
        deliveredBy: v.deliveredBy.trim(), organisationIds: v.organisationId ? [v.organisationId] : [], outcome: v.outcome,
        supportOffered: v.supportOffered, message: orNull(v.message) }, key }, context), "recordCustomNotification")}>
      {(errors) => (
        <>
          <PersonPicker label={t("support.person")} value={v.personId} onChange={(x) => setV({ ...v, personId: x })} error={errors.byField.personId} />
          <DateField label={t("notifications.deliveredOn")} value={v.deliveredOn} onChange={(x) => setV({ ...v, deliveredOn: x })} error={errors.byField.deliveredOn} />
          <NativeSelect label={t("notifications.setting")} value={v.setting} data={enumOptions(t, "NotificationSetting", SETTINGS)}
            onChange={(e) => setV({ ...v, setting: e.currentTarget.value as NotificationSetting })} />
          <TextInput label={t("notifications.deliveredBy")} value={v.deliveredBy} onChange={(e) => setV({ ...v, deliveredBy: e.currentTarget.value })}
            error={errors.byField.deliveredBy} required />
          <OrganisationSelect label={t("callIns.organisation")} value={v.organisationId} onChange={(x) => setV({ ...v, organisationId: x })}
            error={errors.byField.organisationIds} />
          <NativeSelect label={t("notifications.outcome")} value={v.outcome} data={enumOptions(t, "NotificationOutcome", OUTCOMES)}
            onChange={(e) => setV({ ...v, outcome: e.currentTarget.value as NotificationOutcome })} />
          <Checkbox label={t("notifications.supportOffered")} checked={v.supportOffered} onChange={(e) => setV({ ...v, supportOffered: e.currentTarget.checked })} />
          <TextInput label={t("callIns.message")} value={v.message} onChange={(e) => setV({ ...v, message: e.currentTarget.value })} />
        </>
      )}
    </MutationForm>
  );
}

function NotificationList() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const context = usePurposeContext();
  const [recording, setRecording] = useState(false);
  const [after, setAfter] = useState<string | null>(null);
  const [{ data, fetching, error }, refetch] = useQuery({ query: NotificationsQuery, variables: { people: can("people"), after }, context });
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t("nav.notifications")}</Title>
        {can("notifications", "write") && can("people") && <Button onClick={() => setRecording(true)}>{t("notifications.record")}</Button>}
      </Group>
      {error && <QueryError error={error} />}
      {fetching && !data && <Loading />}
      {data && data.customNotifications?.edges.length === 0 && <Empty>{can("notifications", "write") && can("people") ? t("notifications.emptyWrite") : t("notifications.empty")}</Empty>}
      {data && (data.customNotifications?.edges.length ?? 0) > 0 && (
        <Table striped>
          <Table.Thead>
            <Table.Tr><Table.Th>{t("notifications.deliveredOn")}</Table.Th><Table.Th>{t("support.person")}</Table.Th>
              <Table.Th>{t("notifications.setting")}</Table.Th><Table.Th>{t("notifications.outcome")}</Table.Th>
              <Table.Th>{t("notifications.supportOffered")}</Table.Th><Table.Th>{t("notifications.deliveredBy")}</Table.Th></Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data.customNotifications?.edges.map(({ node: n }) => (
              <Table.Tr key={n.id}>
                <Table.Td>{formatDate(n.deliveredOn)}</Table.Td>
                <Table.Td>{n.person ? <Anchor component={Link} to={`/people/${n.person.id}`}>{n.person.displayName}</Anchor> : "–"}</Table.Td>
                <Table.Td>{t(`enums.NotificationSetting.${n.setting}`)}</Table.Td>
                <Table.Td><Badge variant="light" color={n.outcome === "delivered" ? "green" : "gray"} c="dark">{t(`enums.NotificationOutcome.${n.outcome}`)}</Badge></Table.Td>
                <Table.Td>{n.supportOffered ? t("app.yes") : t("app.no")}</Table.Td>
                <Table.Td>{n.deliveredBy}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {data && <Pager after={after} pageInfo={data.customNotifications?.pageInfo} onPage={setAfter} />}
      <Modal closeButtonProps={{ "aria-label": t("app.close") }} opened={recording} onClose={() => setRecording(false)} title={t("notifications.record")} size="lg">
        <RecordForm onDone={() => { setRecording(false); setAfter(null); refetch({ requestPolicy: "network-only" }); }} />
      </Modal>
    </Stack>
  );
}

export default function Notifications() {
  return <PurposeGate><NotificationList /></PurposeGate>;
}
