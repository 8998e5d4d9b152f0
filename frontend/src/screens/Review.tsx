import { useMemo, useState } from "react";
import { Alert, Anchor, Badge, Button, Card, Group, SimpleGrid, Stack, Switch, Table, Text, Title } from "@mantine/core";
import { Link } from "react-router-dom";
import { useMutation, useQuery } from "urql";
import { useTranslation } from "react-i18next";
import { graphql } from "../gql";
import { useAuth } from "../auth";
import { usePurposeContext } from "../purpose";
import { PurposeGate } from "../components/Purpose";
import { AttributionForm } from "../components/Attribution";
import { TaskForm } from "../components/TaskForm";
import { DateField } from "../components/DateField";
import { Empty, Loading, QueryError } from "../components/States";
import { formatDate, formatDateTime, today } from "../lib/format";
import { idempotencyKey, rawId } from "../lib/graphql";

const ReviewQuery = graphql(`
  query Review($from: DateTime!, $groups: Boolean!, $tasks: Boolean!) {
    incidents(first: 100, filter: { occurredFrom: $from }) {
      edges { node { id type occurredAt area killed injured confirmed
        groupLinks @include(if: $groups) { role group { id name } }
        involvement(currentOnly: true) @include(if: $groups) { involvement confidence assessedAt group { id name } } } }
    }
    incidentReviews(first: 10) {
      edges { node { id heldOn note tasks @include(if: $tasks) { id title status dueOn assigneeOrganisation { name } } } }
    }
  }
`);

const HoldReview = graphql(`
  mutation HoldReview($input: HoldIncidentReviewInput!, $key: String) {
    holdIncidentReview(input: $input, idempotencyKey: $key) { review { id heldOn } errors { field code message } }
  }
`);

const daysAgo = (n: number) => today(new Date(Date.now() - n * 86_400_000));

function ReviewScreen() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const context = usePurposeContext();
  const [since, setSince] = useState<string | null>(daysAgo(14));
  const [projector, setProjector] = useState(false);
  const [, hold] = useMutation(HoldReview);
  const [holdError, setHoldError] = useState<string | null>(null);
  const variables = useMemo(() => ({ from: new Date(`${since ?? daysAgo(14)}T00:00:00`).toISOString(), groups: can("groups"),
    tasks: can("tasks") }), [since, can]);
  const [{ data, fetching, error }, refetch] = useQuery({ query: ReviewQuery, variables, context });
  const reload = () => refetch({ requestPolicy: "network-only" });
  const review = data?.incidentReviews?.edges.map((e) => e.node).find((r) => r.heldOn === today()) ?? null;
  const writable = can("incidents", "write");

  const start = async () => {
    const r = await hold({ input: { heldOn: today(), note: null }, key: idempotencyKey() }, context);
    const errors = r.data?.holdIncidentReview.errors ?? [];
    setHoldError(r.error?.message ?? (errors.length ? errors.map((e) => e.message).join("; ") : null));
    reload();
  };

  return (
    <Stack className={projector ? "projector" : undefined}>
      <Group justify="space-between">
        <div>
          <Title order={2}>{t("review.title")}</Title>
          <Text c="dimmed">{t("review.intro")}</Text>
        </div>
        <Group>
          <DateField label={t("review.since")} value={since} onChange={setSince} w={160} />
          <Switch label={t("review.projector")} checked={projector} onChange={(e) => setProjector(e.currentTarget.checked)} mt="lg" />
        </Group>
      </Group>
      {writable && (review ? (
        <Alert color="blue" role="status">{t("review.running", { day: formatDate(review.heldOn) })}</Alert>
      ) : (
        <Button onClick={() => void start()} w="fit-content">{t("review.start")}</Button>
      ))}
      {holdError && <Alert color="red" role="alert">{holdError}</Alert>}
      {error && <QueryError error={error} retry={reload} />}
      {fetching && !data && <Loading />}
      {data && data.incidents?.edges.length === 0 && <Empty>{t("review.none")}</Empty>}
      {data?.incidents?.edges.map(({ node: i }) => (
        <Card withBorder key={i.id} data-testid="review-incident">
          <Group justify="space-between" align="flex-start">
            <div>
              <Title order={3} size="h4">
                <Anchor component={Link} to={`/incidents/${i.id}`}>{t(`enums.IncidentType.${i.type}`)} – {formatDateTime(i.occurredAt)}</Anchor>
              </Title>
              <Text>{i.area ?? "–"} · {t("incidents.killed")}: {i.killed} · {t("incidents.injured")}: {i.injured}
                {!i.confirmed && <> · <Badge variant="outline" color="gray" c="dark">{t("review.unconfirmed")}</Badge></>}</Text>
            </div>
            <div>
              <Text size="sm" fw={600}>{t("review.current")}</Text>
              {i.involvement?.length ? i.involvement.map((a, n) => (
                <Text key={n} data-testid="attribution">{a.group?.name}: {t(`enums.Involvement.${a.involvement}`)} ({t(`enums.Confidence.${a.confidence}`)})</Text>
              )) : <Text c="dimmed">–</Text>}
            </div>
          </Group>
          {writable && can("groups", "write") && review && (
            <SimpleGrid cols={{ base: 1, lg: 2 }} mt="sm">
              <AttributionForm incidentId={i.id} reviewId={review.id} onDone={reload} />
              {can("tasks", "write") && <TaskForm reviewId={review.id} linkedType="incident" linkedId={rawId(i.id)} onDone={reload} />}
            </SimpleGrid>
          )}
        </Card>
      ))}
      {review?.tasks && review.tasks.length > 0 && (
        <Card withBorder>
          <Title order={3} size="h4">{t("review.tasks")}</Title>
          <Table>
            <Table.Tbody>
              {review.tasks.map((task) => (
                <Table.Tr key={task.id}>
                  <Table.Td>{task.title}</Table.Td>
                  <Table.Td>{task.assigneeOrganisation?.name ?? "–"}</Table.Td>
                  <Table.Td>{formatDate(task.dueOn)}</Table.Td>
                  <Table.Td>{t(`enums.TaskStatus.${task.status}`)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Card>
      )}
    </Stack>
  );
}

export default function Review() {
  return <PurposeGate><ReviewScreen /></PurposeGate>;
}
