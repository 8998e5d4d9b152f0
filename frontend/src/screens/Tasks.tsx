import { useState } from "react";
import { Anchor, Badge, Button, Group, Stack, Switch, Table, Text, Title } from "@mantine/core";
import { Link } from "react-router-dom";
import { useClient, useMutation, useQuery } from "urql";
import { useTranslation } from "react-i18next";
import { graphql } from "../gql";
import type { TasksQuery as TasksData } from "../gql/graphql";
import { useAuth } from "../auth";
import { usePurposeContext } from "../purpose";
import { PurposeGate } from "../components/Purpose";
import { Empty, Loading, QueryError } from "../components/States";
import { formatDate } from "../lib/format";
import { globalId, idempotencyKey, rawId } from "../lib/graphql";
import { dueState, isMine, type Due } from "../lib/city";

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

type TaskRow = NonNullable<TasksData["tasks"]>["edges"][number]["node"];

// Due soon and overdue stand out in colour and in words (never colour alone).
const DUE_BADGE: Partial<Record<Due, { color: string; text: string; label: string }>> = {
  overdue: { color: "red", text: "red.9", label: "tasks.overdue" },
  today: { color: "orange", text: "orange.9", label: "followUps.dueToday" },
  soon: { color: "yellow", text: "dark", label: "followUps.dueSoon" },
};
const DUE_ROW: Partial<Record<Due, string>> = { overdue: "var(--mantine-color-red-0)", today: "var(--mantine-color-orange-0)" };

const LINKS: Record<string, [string, string]> = { incident: ["/incidents/", "Incident"], person: ["/people/", "Person"], group: ["/groups/", "Group"] };

function TaskList() {
  const { t } = useTranslation();
  const { me, can } = useAuth();
  const context = usePurposeContext();
  const [mine, setMine] = useState(true);
  const client = useClient();
  const [{ data, fetching, error }, refetch] = useQuery({ query: TasksQuery, variables: {}, context });
  // Later pages (the API's cursors), appended below the first.
  const [more, setMore] = useState<{ nodes: TaskRow[]; next: string | null } | null>(null);
  const [, setStatus] = useMutation(SetStatus);
  const first = data?.tasks;
  const next = more ? more.next : first?.pageInfo.hasNextPage ? first.pageInfo.endCursor : null;
  const loadMore = async () => {
    const r = await client.query(TasksQuery, { after: next }, context).toPromise();
    const page = r.data?.tasks;
    if (page) setMore({ nodes: [...(more?.nodes ?? []), ...page.edges.map((e) => e.node)],
      next: page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null });
  };
  const tasks = [...(first?.edges ?? []).map((e) => e.node), ...(more?.nodes ?? [])].filter((task) => !mine || isMine(task, me, rawId));
  const states = tasks.map((task) => dueState(task.dueOn));
  const overdueCount = states.filter((s) => s === "overdue").length;
  const soonCount = states.filter((s) => s === "today" || s === "soon").length;
  const done = async (id: string) => {
    await setStatus({ input: { taskId: id, status: "done" }, key: idempotencyKey() }, context);
    setMore(null);
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
        <Text size="sm" fw={600} data-testid="due-summary">{t("followUps.summary", { overdue: overdueCount, soon: soonCount })}</Text>
      )}
      {tasks.length > 0 && (
        <Table.ScrollContainer minWidth={720}>
        <Table>
          <Table.Thead>
            <Table.Tr><Table.Th>{t("review.taskTitle")}</Table.Th><Table.Th>{t("tasks.kind")}</Table.Th><Table.Th>{t("tasks.owner")}</Table.Th>
              <Table.Th>{t("tasks.due")}</Table.Th><Table.Th>{t("tasks.status")}</Table.Th><Table.Th>{t("app.actions")}</Table.Th></Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {tasks.map((task, n) => {
              const due = DUE_BADGE[states[n]];
              const link = task.linkedType && task.linkedId && LINKS[task.linkedType];
              return (
                <Table.Tr key={task.id} data-due={states[n]} style={{ background: DUE_ROW[states[n]] }}>
                  <Table.Td>{link ? <Anchor component={Link} to={`${link[0]}${globalId(link[1], task.linkedId!)}`}>{task.title}</Anchor> : task.title}</Table.Td>
                  <Table.Td>{t(`enums.TaskKind.${task.kind}`)}</Table.Td>
                  <Table.Td>{task.assigneeOrganisation?.name ?? "–"}</Table.Td>
                  <Table.Td>{formatDate(task.dueOn)} {due && <Badge color={due.color} variant="light" c={due.text}>{t(due.label)}</Badge>}</Table.Td>
                  <Table.Td>{t(`enums.TaskStatus.${task.status}`)}</Table.Td>
                  <Table.Td>{can("tasks", "write") && <Button size="xs" variant="light" onClick={() => void done(task.id)}>{t("tasks.done")}</Button>}</Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
        </Table.ScrollContainer>
      )}
      {next && <Button variant="light" w="fit-content" onClick={() => void loadMore()}>{t("app.more")}</Button>}
    </Stack>
  );
}

export default function Tasks() {
  return <PurposeGate><TaskList /></PurposeGate>;
}
