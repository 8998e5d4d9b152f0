import { useState } from "react";
import { Alert, Anchor, Badge, Button, Card, Group, Modal, SimpleGrid, Stack, Table, Text, Title } from "@mantine/core";
import { Link, useParams } from "react-router-dom";
import { useQuery } from "urql";
import { useTranslation } from "react-i18next";
import { graphql } from "../gql";
import { useAuth } from "../auth";
import { usePurposeContext } from "../purpose";
import { PurposeGate } from "../components/Purpose";
import { AttributionForm } from "../components/Attribution";
import { TaskForm } from "../components/TaskForm";
import { IncidentEditForm } from "../components/IncidentEdit";
import { LinkGroupForm, LinkPersonForm } from "../components/IncidentLinks";
import { Loading, NotFound, QueryError } from "../components/States";
import { formatDateTime } from "../lib/format";
import { rawId } from "../lib/graphql";

const IncidentQuery = graphql(`
  query Incident($id: ID!, $groups: Boolean!, $people: Boolean!) {
    incident(id: $id) {
      id type occurredAt area policeArea policeRegion confirmed killed injured description externalReference createdAt version
      groupLinks @include(if: $groups) { role group { id name } }
      people @include(if: $people) { role person { id displayName } }
      involvement @include(if: $groups) { involvement confidence assessedAt note group { id name } }
    }
  }
`);

function Incident() {
  const { id = "" } = useParams();
  const { t } = useTranslation();
  const { can } = useAuth();
  const context = usePurposeContext();
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState(false);
  const [{ data, fetching, error }, refetch] = useQuery({
    query: IncidentQuery, variables: { id, groups: can("groups"), people: can("people") }, context,
  });
  if (error) return <QueryError error={error} />;
  if (!data) return fetching ? <Loading /> : null;
  const i = data.incident;
  if (!i) return <NotFound />;
  const reload = () => refetch({ requestPolicy: "network-only" });
  return (
    <Stack>
      <Group justify="space-between" align="flex-start">
        <Title order={2}>{t(`enums.IncidentType.${i.type}`)} – {formatDateTime(i.occurredAt)}</Title>
        {can("incidents", "write") && (
          <Button variant="light" onClick={() => { setSaved(false); setEditing(true); }}>{t("incidentEdit.edit")}</Button>
        )}
      </Group>
      {saved && (
        <Alert color="green" role="status" withCloseButton closeButtonLabel={t("app.close")} onClose={() => setSaved(false)}>
          {t("incidentEdit.saved")} ({t("incidentEdit.version", { n: i.version })})
        </Alert>
      )}
      <Modal closeButtonProps={{ "aria-label": t("app.close") }} opened={editing} onClose={() => setEditing(false)}
        title={t("incidentEdit.title")} size="lg">
        <IncidentEditForm incident={i} onReload={reload}
          onDone={() => { setEditing(false); setSaved(true); reload(); }} />
      </Modal>
      <Card withBorder>
        <SimpleGrid cols={{ base: 2, md: 4 }}>
          <Field label={t("incidents.area")} value={i.area} />
          <Field label={t("incidents.policeArea")} value={i.policeArea} />
          <Field label={t("incidentEdit.policeRegion")} value={i.policeRegion} />
          <Field label={t("incidents.killed")} value={String(i.killed)} />
          <Field label={t("incidents.injured")} value={String(i.injured)} />
          <Field label={t("incidents.confirmed")} value={i.confirmed ? t("app.yes") : t("app.no")} />
          <Field label={t("incidents.externalReference")} value={i.externalReference} />
        </SimpleGrid>
        {i.description && <Text mt="sm">{i.description}</Text>}
      </Card>
      {i.groupLinks && (
        <Card withBorder>
          <Title order={3} size="h4">{t("incidents.groups")}</Title>
          <Group mt="xs">
            {i.groupLinks.length === 0 && <Text c="dimmed">–</Text>}
            {i.groupLinks.map((l) => (
              <Badge key={l.group.id + l.role} variant="light" c="dark">
                <Anchor component={Link} to={`/groups/${l.group.id}`} c="dark">{l.group.name}</Anchor> · {t(`enums.IncidentRole.${l.role}`)}
              </Badge>
            ))}
          </Group>
          {can("incidents", "write") && <LinkGroupForm incidentId={i.id} onDone={reload} />}
        </Card>
      )}
      {i.people && (
        <Card withBorder>
          <Title order={3} size="h4">{t("incidents.people")}</Title>
          <Group mt="xs">
            {i.people.length === 0 && <Text c="dimmed">–</Text>}
            {i.people.map((l) => (
              <Badge key={l.person.id + l.role} variant="light" c="dark">
                <Anchor component={Link} to={`/people/${l.person.id}`} c="dark">{l.person.displayName}</Anchor> · {t(`enums.IncidentRole.${l.role}`)}
              </Badge>
            ))}
          </Group>
          {can("incidents", "write") && <LinkPersonForm incidentId={i.id} onDone={reload} />}
        </Card>
      )}
      {i.involvement && (
        <Card withBorder>
          <Title order={3} size="h4">{t("incidents.involvement")}</Title>
          <Table>
            <Table.Tbody>
              {i.involvement.map((a, n) => (
                <Table.Tr key={n}>
                  <Table.Td>{formatDateTime(a.assessedAt)}</Table.Td>
                  <Table.Td>{a.group?.name ?? "–"}</Table.Td>
                  <Table.Td>{t(`enums.Involvement.${a.involvement}`)}</Table.Td>
                  <Table.Td>{t(`enums.Confidence.${a.confidence}`)}</Table.Td>
                  <Table.Td>{a.note}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {can("groups", "write") && can("incidents", "write") && <AttributionForm incidentId={i.id} onDone={reload} />}
        </Card>
      )}
      {can("tasks", "write") && (
        <Card withBorder>
          <Title order={3} size="h4">{t("review.task")}</Title>
          <TaskForm linkedType="incident" linkedId={rawId(i.id)} />
        </Card>
      )}
    </Stack>
  );
}

function Field({ label, value }: { label: string; value: string | null | undefined }) {
  return (
    <div>
      <Text size="xs" c="dimmed" fw={600}>{label}</Text>
      <Text>{value || "–"}</Text>
    </div>
  );
}

export default function IncidentPage() {
  return <PurposeGate><Incident /></PurposeGate>;
}
