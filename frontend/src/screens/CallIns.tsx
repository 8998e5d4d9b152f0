import { useRef, useState } from "react";
import { Anchor, Badge, Button, Card, Group, Modal, Stack, Table, TextInput, Textarea, Title } from "@mantine/core";
import { Link, useNavigate } from "react-router-dom";
import { useMutation, useQuery } from "urql";
import { useTranslation } from "react-i18next";
import { graphql } from "../gql";
import { useAuth } from "../auth";
import { usePurposeContext } from "../purpose";
import { PurposeGate } from "../components/Purpose";
import { DateField } from "../components/DateField";
import { MutationForm, payloadResult } from "../components/MutationForm";
import { Empty, Loading, QueryError } from "../components/States";
import { Pager } from "../components/Pager";
import { formatDate } from "../lib/format";
import { orNull } from "../lib/forms";

const CallInsQuery = graphql(`
  query CallIns($after: String) {
    callIns(first: 50, after: $after) {
      edges { node { id heldOn venue status rehearsalOn clients { id attendance } } }
      pageInfo { hasNextPage endCursor }
    }
  }
`);

const PlanCallIn = graphql(`
  mutation PlanCallIn($input: PlanCallInInput!, $key: String) {
    planCallIn(input: $input, idempotencyKey: $key) { callIn { id } errors { field code message } }
  }
`);

export const CALL_IN_COLOR: Record<string, string> = { planned: "blue", rehearsed: "grape", held: "green", cancelled: "gray" };

function PlanForm({ onDone }: { onDone: (id: string) => void }) {
  const { t } = useTranslation();
  const context = usePurposeContext();
  const [, plan] = useMutation(PlanCallIn);
  const [heldOn, setHeldOn] = useState<string | null>(null);
  const [venue, setVenue] = useState("");
  const [message, setMessage] = useState("");
  const [supportOffer, setSupportOffer] = useState("");
  const created = useRef<string | null>(null);
  return (
    <MutationForm label={t("callIns.plan")} fields={["heldOn", "venue", "message", "supportOffer"]}
      submit={async (key) => {
        const r = await plan({ input: { heldOn: heldOn ?? "", venue: venue.trim(), message: orNull(message), supportOffer: orNull(supportOffer) }, key }, context);
        created.current = r.data?.planCallIn.callIn?.id ?? null;
        return payloadResult(r, "planCallIn");
      }}
      onDone={() => created.current && onDone(created.current)}>
      {(errors) => (
        <>
          <DateField label={t("callIns.heldOn")} value={heldOn} onChange={setHeldOn} required error={errors.byField.heldOn} />
          <TextInput label={t("callIns.venue")} value={venue} onChange={(e) => setVenue(e.currentTarget.value)} required error={errors.byField.venue} />
          <Textarea label={t("callIns.message")} value={message} onChange={(e) => setMessage(e.currentTarget.value)} error={errors.byField.message} />
          <Textarea label={t("callIns.supportOffer")} value={supportOffer} onChange={(e) => setSupportOffer(e.currentTarget.value)}
            error={errors.byField.supportOffer} />
        </>
      )}
    </MutationForm>
  );
}

function CallInList() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const navigate = useNavigate();
  const context = usePurposeContext();
  const [planning, setPlanning] = useState(false);
  const [after, setAfter] = useState<string | null>(null);
  const [{ data, fetching, error }] = useQuery({ query: CallInsQuery, variables: { after }, context });
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t("callIns.title")}</Title>
        {can("callins", "write") && <Button onClick={() => setPlanning(true)}>{t("callIns.plan")}</Button>}
      </Group>
      {error && <QueryError error={error} />}
      {fetching && !data && <Loading />}
      {data && data.callIns?.edges.length === 0 && <Empty>{t("callIns.empty")}</Empty>}
      {data && (data.callIns?.edges.length ?? 0) > 0 && (
        <Card withBorder>
          <Table>
            <Table.Thead>
              <Table.Tr><Table.Th>{t("callIns.heldOn")}</Table.Th><Table.Th>{t("callIns.venue")}</Table.Th>
                <Table.Th>{t("callIns.status")}</Table.Th><Table.Th>{t("callIns.rehearsal")}</Table.Th>
                <Table.Th>{t("callIns.attendance")}</Table.Th></Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data.callIns?.edges.map(({ node: c }) => (
                <Table.Tr key={c.id}>
                  <Table.Td><Anchor component={Link} to={`/call-ins/${c.id}`}>{formatDate(c.heldOn)}</Anchor></Table.Td>
                  <Table.Td>{c.venue}</Table.Td>
                  <Table.Td><Badge color={CALL_IN_COLOR[c.status]} variant="light" c="dark">{t(`enums.CallInStatus.${c.status}`)}</Badge></Table.Td>
                  <Table.Td>{formatDate(c.rehearsalOn)}</Table.Td>
                  <Table.Td>{c.clients.filter((k) => k.attendance === "attended").length} / {c.clients.length}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <Pager after={after} pageInfo={data.callIns?.pageInfo} onPage={setAfter} mt="sm" />
        </Card>
      )}
      <Modal closeButtonProps={{ "aria-label": t("app.close") }} opened={planning} onClose={() => setPlanning(false)} title={t("callIns.plan")} size="lg">
        <PlanForm onDone={(id) => navigate(`/call-ins/${id}`)} />
      </Modal>
    </Stack>
  );
}

export default function CallIns() {
  return <PurposeGate><CallInList /></PurposeGate>;
}
