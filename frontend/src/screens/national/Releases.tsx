import { useEffect, useRef, useState } from "react";
import {
  Accordion, Alert, Badge, Button, Card, Code, Group, Modal, NumberInput, Progress, Stack, Table, Text, TextInput, Title, Tooltip, VisuallyHidden,
} from "@mantine/core";
import { useClient, useMutation, useQuery } from "urql";
import { useTranslation } from "react-i18next";
import { graphql } from "../../gql";
import { useAuth } from "../../auth";
import { sessionExpired } from "../../lib/api";
import { formatDateTime, formatNumber } from "../../lib/format";
import { orNull } from "../../lib/forms";
import { fileNameOf, jobFinished, jobProgress, readWithProgress, shortHash } from "../../lib/national";
import { MutationForm, payloadResult } from "../../components/MutationForm";
import { Empty, Loading, QueryError } from "../../components/States";
import { NationalHeading } from "./common";

const ReleasesQuery = graphql(`
  query NationalReleases {
    national {
      releases {
        id createdAt createdBy watermark periodFrom periodTo hash rows published
        method { name k protection description }
      }
      dictionary { column meaning }
    }
  }
`);

const CreateRelease = graphql(`
  mutation CreateNationalRelease($input: CreateReleaseInput, $key: String) {
    createRelease(input: $input, idempotencyKey: $key) {
      job { id status releaseId error requestedAt requestedBy }
      errors { field code message }
      replayed
    }
  }
`);

const PublishRelease = graphql(`
  mutation PublishNationalRelease($id: Int!, $withdraw: Boolean!) {
    publishRelease(id: $id, withdraw: $withdraw) { release { id published } errors { field code message } }
  }
`);

const JobQuery = graphql(`
  query NationalReleaseJob($id: ID!) { national { releaseJob(id: $id) { id status releaseId error requestedAt requestedBy } } }
`);

interface Job { id: string; status: string; releaseId?: number | null; error?: string | null }
const FORMATS = ["csv", "xlsx", "json"] as const;

/** Releases: their method, k, watermark, hash and status; create and publish (coordinators); downloads. */
export default function NationalReleases() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const coordinator = can("releases", "write");
  const [{ data, fetching, error }, refetch] = useQuery({ query: ReleasesQuery });
  const releases = data?.national?.releases ?? [];
  const [confirm, setConfirm] = useState<{ id: number; withdraw: boolean } | null>(null);
  const [publishState, publish] = useMutation(PublishRelease);
  const [publishError, setPublishError] = useState<string | null>(null);
  const reload = () => refetch({ requestPolicy: "network-only" });

  const onPublish = async () => {
    if (!confirm) return;
    const r = await publish({ id: confirm.id, withdraw: confirm.withdraw });
    const problems = r.error ? [r.error.message] : (r.data?.publishRelease.errors ?? []).map((e) => e.message);
    setPublishError(problems.length ? problems.join("; ") : null);
    setConfirm(null);
    reload();
  };

  return (
    <Stack>
      <NationalHeading title={t("national.releases.title")}>{t("national.releases.intro")}</NationalHeading>
      {coordinator ? <CreateReleaseCard onCreated={reload} /> : <Alert color="gray" role="note">{t("national.releases.readOnly")}</Alert>}
      {error && <QueryError error={error} retry={reload} />}
      {publishError && <Alert color="red" role="alert" withCloseButton closeButtonLabel={t("app.close")} onClose={() => setPublishError(null)}>{publishError}</Alert>}
      {fetching && !data ? <Loading /> : (
        <Card withBorder>
          <Title order={3} size="h4" id="releases-table" mb="xs">{t("national.releases.title")}</Title>
          {!releases.length ? <Empty>{coordinator ? t("national.releases.emptyCoordinator") : t("national.releases.empty")}</Empty> : (
            <div style={{ overflowX: "auto" }} role="region" aria-labelledby="releases-table" tabIndex={0}>
              <Table striped data-testid="releases">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t("national.releases.id")}</Table.Th>
                    <Table.Th scope="col">{t("national.releases.created")}</Table.Th>
                    <Table.Th scope="col">{t("national.releases.period")}</Table.Th>
                    <Table.Th scope="col">{t("national.releases.method")}</Table.Th>
                    <Table.Th scope="col" ta="right">{t("national.releases.k")}</Table.Th>
                    <Table.Th scope="col" ta="right">{t("national.releases.watermark")}</Table.Th>
                    <Table.Th scope="col">{t("national.releases.hash")}</Table.Th>
                    <Table.Th scope="col" ta="right">{t("national.releases.rows")}</Table.Th>
                    <Table.Th scope="col">{t("national.releases.status")}</Table.Th>
                    <Table.Th scope="col">{t("national.releases.download")}</Table.Th>
                    {coordinator && <Table.Th scope="col">{t("app.actions")}</Table.Th>}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {releases.map((r) => (
                    <Table.Tr key={r.id}>
                      <Table.Th scope="row">{r.id}</Table.Th>
                      <Table.Td style={{ whiteSpace: "nowrap" }}>{formatDateTime(r.createdAt)}<Text size="xs" c="dimmed">{r.createdBy}</Text></Table.Td>
                      <Table.Td style={{ whiteSpace: "nowrap" }}>{r.periodFrom} – {r.periodTo}</Table.Td>
                      <Table.Td>{r.method.name}</Table.Td>
                      <Table.Td ta="right">{r.method.k}</Table.Td>
                      <Table.Td ta="right">{r.watermark}</Table.Td>
                      <Table.Td>
                        <Tooltip label={r.hash} multiline w={320}>
                          <Code data-hash={r.hash}>{shortHash(r.hash)}</Code>
                        </Tooltip>
                      </Table.Td>
                      <Table.Td ta="right">{formatNumber(r.rows)}</Table.Td>
                      <Table.Td style={{ whiteSpace: "nowrap" }}>
                        <Badge variant="light" styles={{ label: { overflow: "visible" } }} color={r.published ? "green" : "gray"} c="dark">
                          {r.published ? t("national.releases.published") : t("national.releases.unpublished")}
                        </Badge>
                      </Table.Td>
                      <Table.Td><Downloads releaseId={r.id} /></Table.Td>
                      {coordinator && (
                        <Table.Td>
                          <Button size="xs" variant={r.published ? "default" : "filled"} loading={publishState.fetching && confirm?.id === r.id}
                            onClick={() => setConfirm({ id: r.id, withdraw: r.published })}>
                            {r.published ? t("national.releases.withdraw") : t("national.releases.publish")}
                            <VisuallyHidden> {r.id}</VisuallyHidden>
                          </Button>
                        </Table.Td>
                      )}
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </div>
          )}
          <Text size="xs" c="dimmed" mt="xs">{t("national.releases.publicAt")}</Text>
        </Card>
      )}
      {releases.length > 0 && (
        <Card withBorder>
          <Title order={3} size="h4" mb="xs">{t("national.releases.details")}</Title>
          <Accordion variant="separated">
            {releases.slice(0, 5).map((r) => (
              <Accordion.Item key={r.id} value={String(r.id)}>
                <Accordion.Control>{t("national.releases.id")} {r.id}: {r.method.name}, k = {r.method.k}, {t("national.releases.protection").toLowerCase()} {r.method.protection}</Accordion.Control>
                <Accordion.Panel>
                  <Text size="sm">{r.method.description}</Text>
                  <Text size="sm" mt="xs">{t("national.releases.hash")}: <Code>{r.hash}</Code></Text>
                </Accordion.Panel>
              </Accordion.Item>
            ))}
            <Accordion.Item value="dictionary">
              <Accordion.Control>{t("national.releases.dictionary")}</Accordion.Control>
              <Accordion.Panel>
                <Table>
                  <Table.Thead><Table.Tr><Table.Th scope="col">{t("national.releases.column")}</Table.Th><Table.Th scope="col">{t("national.releases.meaning")}</Table.Th></Table.Tr></Table.Thead>
                  <Table.Tbody>
                    {(data?.national?.dictionary ?? []).filter((d) => !d.column.endsWith("_flag")).map((d) => (
                      <Table.Tr key={d.column}><Table.Td><Code>{d.column}</Code></Table.Td><Table.Td>{d.meaning}</Table.Td></Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Accordion.Panel>
            </Accordion.Item>
          </Accordion>
        </Card>
      )}
      <Modal opened={confirm != null} onClose={() => setConfirm(null)} closeButtonProps={{ "aria-label": t("app.close") }}
        title={confirm?.withdraw ? t("national.releases.withdraw") : t("national.releases.publish")}>
        <Stack>
          <Text>{confirm && (confirm.withdraw ? t("national.releases.withdrawConfirm", { id: confirm.id }) : t("national.releases.publishConfirm", { id: confirm.id }))}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirm(null)}>{t("app.cancel")}</Button>
            <Button color={confirm?.withdraw ? "red" : undefined} loading={publishState.fetching} onClick={() => void onPublish()}>
              {confirm?.withdraw ? t("national.releases.withdraw") : t("national.releases.publish")}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}

/** The coordinator's form: parameters, then the background job's progress, polled until done. */
function CreateReleaseCard({ onCreated }: { onCreated: () => void }) {
  const { t } = useTranslation();
  const client = useClient();
  const [, create] = useMutation(CreateRelease);
  const [k, setK] = useState<number | string>(5);
  const [protection, setProtection] = useState<number | string>("");
  const [from, setFrom] = useState("");
  const [to, setTo] = useState("");
  const [job, setJob] = useState<Job | null>(null);
  const done = useRef(onCreated);
  done.current = onCreated;

  useEffect(() => {
    if (!job || jobFinished(job.status)) return;
    const timer = window.setInterval(async () => {
      const r = await client.query(JobQuery, { id: job.id }, { requestPolicy: "network-only" }).toPromise();
      const next = r.data?.national?.releaseJob;
      if (next) {
        setJob(next);
        if (jobFinished(next.status)) done.current();
      }
    }, 1000);
    return () => window.clearInterval(timer);
  }, [job, client]);

  const running = job != null && !jobFinished(job.status);
  const status = job && (job.status === "done" ? t("national.releases.job.done", { id: job.releaseId })
    : job.status === "failed" ? t("national.releases.job.failed", { error: job.error ?? "" })
    : t(`national.releases.job.${job.status}`, { defaultValue: job.status }));

  return (
    <Card withBorder>
      <Title order={3} size="h4">{t("national.releases.create")}</Title>
      <Text size="sm" c="dimmed" mb="xs">{t("national.releases.createIntro")}</Text>
      <MutationForm label={t("national.releases.create")} submitLabel={t("national.releases.submit")} fields={["k", "protection", "from", "to"]}
        submit={async (key) => {
          const input = { k: typeof k === "number" ? k : Number(k) || 0, protection: protection === "" ? null : Number(protection),
            from: orNull(from), to: orNull(to) };
          const r = await create({ input, key });
          const made = r.data?.createRelease.job;
          if (made && !r.data?.createRelease.errors.length) setJob(made);
          return payloadResult(r, "createRelease");
        }}>
        {(errors) => (
          <Group align="flex-start" wrap="wrap">
            <NumberInput label={t("national.releases.k")} description={t("national.releases.kHelp")} w={200} min={2} max={50} clampBehavior="none"
              value={k} onChange={setK} error={errors.byField.k} disabled={running} />
            <NumberInput label={t("national.releases.protection")} description={t("national.releases.protectionHelp")} w={240} min={1} clampBehavior="none"
              value={protection} onChange={setProtection} error={errors.byField.protection} disabled={running} />
            <TextInput label={t("national.releases.from")} description={t("national.report.monthHelp")} w={150} value={from}
              onChange={(e) => setFrom(e.currentTarget.value)} error={errors.byField.from} disabled={running} />
            <TextInput label={t("national.releases.to")} description={t("national.report.monthHelp")} w={150} value={to}
              onChange={(e) => setTo(e.currentTarget.value)} error={errors.byField.to} disabled={running} />
          </Group>
        )}
      </MutationForm>
      {job && (
        <Stack gap={4} mt="sm">
          <Progress value={jobProgress(job.status)} animated={running} color={job.status === "failed" ? "red" : undefined}
            aria-label={t("national.releases.progress")} />
          <Text size="sm" role="status" data-testid="release-job">{status}</Text>
        </Stack>
      )}
    </Card>
  );
}

/** CSV, XLSX and JSON of a release through the signed-in download route, with a progress bar. */
function Downloads({ releaseId }: { releaseId: number }) {
  const { t } = useTranslation();
  const [state, setState] = useState<{ format: string; fraction: number | null; message?: string; failed?: boolean } | null>(null);
  const busy = state != null && state.message == null;

  const download = async (format: string) => {
    setState({ format, fraction: 0 });
    try {
      const response = await fetch(`/api/national/releases/${releaseId}.${format}`, { credentials: "same-origin" });
      if (response.status === 401) {
        sessionExpired();
        return;
      }
      if (!response.ok) throw new Error(String(response.status));
      const blob = await readWithProgress(response, (fraction) => setState({ format, fraction }));
      const file = fileNameOf(response, `gvi-release-${releaseId}.${format}`);
      const url = URL.createObjectURL(blob);
      const a = document.createElement("a");
      a.href = url;
      a.download = file;
      document.body.appendChild(a);
      a.click();
      a.remove();
      window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
      setState({ format, fraction: 1, message: t("national.releases.downloaded", { file }) });
    } catch {
      setState({ format, fraction: null, message: t("national.releases.downloadFailed"), failed: true });
    }
  };

  return (
    <Stack gap={4} miw={180}>
      <Group gap={4} wrap="nowrap">
        {FORMATS.map((f) => (
          <Button key={f} size="compact-xs" variant="default" disabled={busy} onClick={() => void download(f)}
            aria-label={`${t("national.releases.download")} ${f.toUpperCase()}, ${t("national.releases.id").toLowerCase()} ${releaseId}`}>
            {f.toUpperCase()}
          </Button>
        ))}
      </Group>
      {state && (
        <>
          <Progress size="sm" value={state.fraction == null ? 100 : Math.round(state.fraction * 100)} animated={busy}
            color={state.failed ? "red" : undefined}
            aria-label={t("national.releases.downloading", { format: state.format.toUpperCase() })} />
          <Text size="xs" role="status" c={state.failed ? "red.9" : undefined}>
            {state.message ?? t("national.releases.downloading", { format: state.format.toUpperCase() })}
          </Text>
        </>
      )}
    </Stack>
  );
}
