import { useState } from "react";
import { Anchor, Badge, Button, Group, Stack, Switch, Table, Title } from "@mantine/core";
import { Link } from "react-router-dom";
import { useMutation, useQuery } from "urql";
import { useTranslation } from "react-i18next";
import { graphql } from "../gql";
import { useAuth } from "../auth";
import { usePurposeContext } from "../purpose";
import { PurposeGate } from "../components/Purpose";
import { Empty, Loading, QueryError } from "../components/States";
import { daysUntil, formatDate } from "../lib/format";
import { globalId, idempotencyKey, rawId } from "../lib/graphql";

const TasksQuery = graphql(`
  query Tasks($after: String) {
    tasks(first: 100, after: $after, filter: { openOnly: true }, order: DUE_ON) {
      pageInfo { hasNextPage endCursor }
      edges { node { id title kind status dueOn assigneeUserId linkedType linkedId assigneeOrganisation { id name } } }
    }
  }
`);

const SetStatus = graphql(`
  mutation SetTaskStatus($input: SetTaskStatusInput!, $key: String) {
    setTaskStatus(input: $input, idempotencyKey: $key) { task { id status } errors { field code message } }
  }
`);

const LINKS: Record<string, [string, string]> = { incident: ["/incidents/", "Incident"], person: ["/people/", "Person"], group: ["/groups/", "Group"] };

function TaskList() {
  const { t } = useTranslation();
  const { me, can } = useAuth();
  const context = usePurposeContext();
  const [mine, setMine] = useState(true);
  const [{ data, fetching, error }, refetch] = useQuery({ query: TasksQuery, variables: {}, context });
  const [, setStatus] = useMutation(SetStatus);
  const tasks = (data?.tasks?.edges ?? []).map((e) => e.node).filter((task) =>
    !mine || task.assigneeUserId === me?.id || (!!task.assigneeOrganisation && rawId(task.assigneeOrganisation.id) === me?.organisation_id));
  const done = async (id: string) => {
    await setStatus({ input: { taskId: id, status: "done" }, key: idempotencyKey() }, context);
    refetch({ requestPolicy: "network-only" });
  };
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t("tasks.title")}</Title>
        <Switch label={t("tasks.mine")} checked={mine} onChange={(e) => setMine(e.currentTarget.checked)} />
      </Group>
      {error && <QueryError error={error} />}
      {fetching && !data && <Loading />}
      {data && tasks.length === 0 && <Empty>{t("tasks.empty")}</Empty>}
      {tasks.length > 0 && (
        <Table striped>
          <Table.Thead>
            <Table.Tr><Table.Th>{t("review.taskTitle")}</Table.Th><Table.Th>{t("tasks.kind")}</Table.Th><Table.Th>{t("tasks.owner")}</Table.Th>
              <Table.Th>{t("tasks.due")}</Table.Th><Table.Th>{t("tasks.status")}</Table.Th><Table.Th>{t("app.actions")}</Table.Th></Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {tasks.map((task) => {
              const overdue = task.dueOn ? daysUntil(task.dueOn) < 0 : false;
              const link = task.linkedType && task.linkedId && LINKS[task.linkedType];
              return (
                <Table.Tr key={task.id}>
                  <Table.Td>{link ? <Anchor component={Link} to={`${link[0]}${globalId(link[1], task.linkedId!)}`}>{task.title}</Anchor> : task.title}</Table.Td>
                  <Table.Td>{t(`enums.TaskKind.${task.kind}`)}</Table.Td>
                  <Table.Td>{task.assigneeOrganisation?.name ?? "–"}</Table.Td>
                  <Table.Td>{formatDate(task.dueOn)} {overdue && <Badge color="red" variant="light" c="red.9">{t("tasks.overdue")}</Badge>}</Table.Td>
                  <Table.Td>{t(`enums.TaskStatus.${task.status}`)}</Table.Td>
                  <Table.Td>{can("tasks", "write") && <Button size="xs" variant="light" onClick={() => void done(task.id)}>{t("tasks.done")}</Button>}</Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}

export default function Tasks() {
  return <PurposeGate><TaskList /></PurposeGate>;
}
