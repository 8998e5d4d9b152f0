import { useMemo, useState } from "react";
import { Alert, Badge, Card, Group, List, SegmentedControl, SimpleGrid, Stack, Table, Text, Title } from "@mantine/core";
import { useQuery } from "urql";
import { useTranslation } from "react-i18next";
import { graphql } from "../../gql";
import type { NationalEffectsQuery } from "../../gql/graphql";
import { Loading, QueryError } from "../../components/States";
import { formatDate } from "../../lib/format";
import { clampRatio, eventStudyBand, excludes, formatDecimal, formatInterval, formatRatio, RATIO_AXIS, ratioAsChange, warningsOf } from "../../lib/national";
import { Chart, PALETTE, type ChartOption } from "./charts";
import { NationalHeading, ReleasePicker } from "./common";

const EffectsQuery = graphql(`
  query NationalEffects($releaseId: Int) {
    national {
      releases { id periodFrom periodTo }
      evaluation(releaseId: $releaseId) {
        releaseId
        cities {
          cityId name kommunkod programmeStartedOn
          shootings { rateRatio lower upper slopeRatioPerYear model dispersion autocorrelationP monthsBefore monthsAfter caveats }
          killedOrInjured { rateRatio lower upper slopeRatioPerYear model dispersion autocorrelationP monthsBefore monthsAfter caveats }
        }
        shootings { outcome cities treated cohorts effect lower upper rateRatio rateRatioLower rateRatioUpper caveats
                    eventStudy { eventTime effect lower upper } }
        killedOrInjured { outcome cities treated cohorts effect lower upper rateRatio rateRatioLower rateRatioUpper caveats
                          eventStudy { eventTime effect lower upper } }
      }
    }
  }
`);

type Outcome = "shootings" | "killedOrInjured";
type Evaluation = NonNullable<NonNullable<NationalEffectsQuery["national"]>["evaluation"]>;

/** Effect estimates: the pooled staggered DiD with its event study, and each city's interrupted time series. */
export default function NationalEffects() {
  const { t } = useTranslation();
  const [releaseId, setReleaseId] = useState<number | null>(null);
  const [outcome, setOutcome] = useState<Outcome>("shootings");
  const [{ data, fetching, error }, refetch] = useQuery({ query: EffectsQuery, variables: { releaseId } });
  const releases = data?.national?.releases ?? [];
  const evaluation = data?.national?.evaluation;

  return (
    <Stack>
      <NationalHeading title={t("national.effects.title")}>
        {evaluation ? t("national.effects.intro", { id: evaluation.releaseId }) : null}
      </NationalHeading>
      {data && !releases.length && <Alert color="blue" role="status">{t("national.noRelease")}</Alert>}
      {releases.length > 0 && (
        <Card withBorder>
          <Group align="flex-end" wrap="wrap">
            <ReleasePicker releases={releases} value={evaluation?.releaseId ?? releaseId} onChange={setReleaseId} />
            <div>
              <Text size="sm" fw={500} id="effects-outcome">{t("national.effects.outcome")}</Text>
              <SegmentedControl aria-labelledby="effects-outcome" value={outcome} onChange={(v) => setOutcome(v as Outcome)}
                data={[{ value: "shootings", label: t("national.effects.outcomes.shootings") },
                  { value: "killedOrInjured", label: t("national.effects.outcomes.killedOrInjured") }]} />
            </div>
          </Group>
        </Card>
      )}
      {error && <QueryError error={error} retry={() => refetch({ requestPolicy: "network-only" })} />}
      {fetching && !data ? <Loading /> : evaluation && (
        <>
          <Pooled evaluation={evaluation} outcome={outcome} />
          <PerCity evaluation={evaluation} outcome={outcome} />
        </>
      )}
    </Stack>
  );
}

function Stat({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <Card withBorder padding="sm">
      <Text size="xs" c="dimmed" fw={600}>{label}</Text>
      <Text size="md" fw={700} data-testid={testId}>{value}</Text>
    </Card>
  );
}

function Pooled({ evaluation, outcome }: { evaluation: Evaluation; outcome: Outcome }) {
  const { t } = useTranslation();
  const did = evaluation[outcome];
  const name = t(`national.effects.outcomes.${outcome}`);
  const band = useMemo(() => eventStudyBand(did?.eventStudy ?? []), [did]);
  if (!did) {
    return (
      <Card withBorder>
        <Title order={3} size="h4">{t("national.effects.pooled")}</Title>
        <Text c="dimmed" role="status">{t("national.effects.noPooled")}</Text>
      </Card>
    );
  }
  const times = band.times.map(String);
  const option: ChartOption = {
    tooltip: { trigger: "axis", valueFormatter: (v: unknown) => (typeof v === "number" ? formatDecimal(v, 3) : "–") },
    legend: { top: 0, data: [t("national.effects.estimate"), t("national.effects.band")] },
    grid: { left: 56, right: 24, top: 40, bottom: 48 },
    xAxis: { type: "category", data: times, name: t("national.effects.monthsSince"), nameLocation: "middle", nameGap: 28,
      axisLabel: { hideOverlap: true } },
    yAxis: { type: "value", axisLabel: { formatter: (v: number) => formatDecimal(v, 2) } },
    series: [
      // The band: its lower end (invisible), then its width stacked on top, filled.
      { name: "lower", type: "line", stack: "ci", stackStrategy: "all", data: band.lower, symbol: "none", lineStyle: { opacity: 0 },
        tooltip: { show: false } },
      { name: t("national.effects.band"), type: "line", stack: "ci", stackStrategy: "all", data: band.width, symbol: "none",
        lineStyle: { opacity: 0 }, areaStyle: { color: "rgba(33,102,172,0.22)" }, color: "rgba(33,102,172,0.45)" },
      { name: t("national.effects.estimate"), type: "line", data: band.effect, color: PALETTE[1], symbol: "circle", symbolSize: 5,
        markLine: { silent: true, symbol: "none", lineStyle: { color: "#111", type: "dashed" },
          label: { color: "#111" },
          data: [{ xAxis: "0", label: { formatter: t("national.effects.start") } }, { yAxis: 0, label: { formatter: "0" } }] } },
    ],
  };
  const label = t("national.effects.eventStudyLabel", { outcome: name });
  return (
    <Card withBorder>
      <Title order={3} size="h4" mb="xs">{t("national.effects.pooled")}: {name}</Title>
      <SimpleGrid cols={{ base: 2, sm: 3, xl: 6 }} mb="sm">
        <Stat label={t("national.effects.rateRatio")} value={formatRatio(did.rateRatio, did.rateRatioLower, did.rateRatioUpper)} testId="pooled-ratio" />
        <Stat label={t("national.effects.change")} value={ratioAsChange(did.rateRatio)} />
        <Stat label={t("national.effects.effect")} value={formatInterval(did.effect, did.lower, did.upper, 3)} />
        <Stat label={t("national.effects.cities")} value={String(did.cities)} />
        <Stat label={t("national.effects.treated")} value={String(did.treated)} />
        <Stat label={t("national.effects.cohorts")} value={String(did.cohorts)} />
      </SimpleGrid>
      {excludes(did.rateRatioLower, did.rateRatioUpper, 1) && <Badge color="blue" variant="light" c="dark" mb="xs">{t("national.effects.significant")}</Badge>}
      <Title order={4} size="h5">{t("national.effects.eventStudy", { outcome: name })}</Title>
      <Chart option={option} label={label} height={320} />
      <Alert color="yellow" title={t("national.effects.caveats")} mt="sm" role="note">
        <Text size="sm">{t("national.effects.caveatsDid")}</Text>
      </Alert>
    </Card>
  );
}

function PerCity({ evaluation, outcome }: { evaluation: Evaluation; outcome: Outcome }) {
  const { t } = useTranslation();
  const name = t(`national.effects.outcomes.${outcome}`);
  const estimated = evaluation.cities.filter((c) => c[outcome]);
  const rest = evaluation.cities.filter((c) => !c[outcome] && c.programmeStartedOn);
  const sorted = [...estimated].sort((a, b) => (a[outcome]!.rateRatio - b[outcome]!.rateRatio));
  const names = sorted.map((c) => c.name);
  const forest: ChartOption = {
    tooltip: { trigger: "item", formatter: (p: { dataIndex: number }) => {
      const c = sorted[p.dataIndex];
      const e = c?.[outcome];
      return e ? `${c.name}: ${formatRatio(e.rateRatio, e.lower, e.upper)}` : "";
    } },
    grid: { left: 140, right: 32, top: 16, bottom: 36 },
    xAxis: { type: "log", logBase: 2, ...RATIO_AXIS, name: t("national.effects.rateRatio"), nameLocation: "middle", nameGap: 24,
      axisLabel: { formatter: (v: number) => formatDecimal(v, 2) } },
    yAxis: { type: "category", data: names, inverse: true },
    series: [
      { type: "custom", name: "ci", data: sorted.map((c, i) => [clampRatio(c[outcome]!.lower), clampRatio(c[outcome]!.upper), i]),
        renderItem: (_: unknown, api: { value: (i: number) => number; coord: (p: [number, number]) => [number, number] }) => {
          const y = api.value(2);
          const a = api.coord([api.value(0), y]);
          const b = api.coord([api.value(1), y]);
          return { type: "line", shape: { x1: a[0], y1: a[1], x2: b[0], y2: b[1] }, style: { stroke: PALETTE[1], lineWidth: 2 } };
        },
        encode: { x: [0, 1], y: 2 }, tooltip: { show: false } },
      { type: "scatter", name: t("national.effects.estimate"), data: sorted.map((c, i) => [clampRatio(c[outcome]!.rateRatio), i]), symbolSize: 9,
        color: "#111", encode: { x: 0, y: 1 },
        markLine: { silent: true, symbol: "none", lineStyle: { color: "#b2182b", type: "dashed" }, data: [{ xAxis: 1 }], label: { formatter: "1" } } },
    ],
  };
  const label = t("national.effects.forestLabel", { outcome: name });
  return (
    <Card withBorder>
      <Title order={3} size="h4">{t("national.effects.perCity")}: {name}</Title>
      <Text size="sm" c="dimmed" mb="xs">{t("national.effects.perCityIntro")}</Text>
      {!estimated.length ? <Text c="dimmed" role="status">{t("national.effects.notEnough")}</Text> : (
        <>
          <Title order={4} size="h5">{t("national.effects.forest", { outcome: name })}</Title>
          <Chart option={forest} label={label} height={Math.max(180, sorted.length * 24 + 60)} />
          <div style={{ overflowX: "auto" }} role="region" aria-label={t("national.effects.perCity")} tabIndex={0}>
            <Table striped data-testid="its-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t("national.effects.city")}</Table.Th>
                  <Table.Th scope="col">{t("national.effects.start2")}</Table.Th>
                  <Table.Th scope="col" ta="right">{t("national.effects.rateRatio")}</Table.Th>
                  <Table.Th scope="col" ta="right">{t("national.effects.change")}</Table.Th>
                  <Table.Th scope="col" ta="right">{t("national.effects.slope")}</Table.Th>
                  <Table.Th scope="col">{t("national.effects.model")}</Table.Th>
                  <Table.Th scope="col" ta="right">{t("national.effects.dispersion")}</Table.Th>
                  <Table.Th scope="col" ta="right">{t("national.effects.autocorrelation")}</Table.Th>
                  <Table.Th scope="col" ta="right">{t("national.effects.monthsBefore")}</Table.Th>
                  <Table.Th scope="col" ta="right">{t("national.effects.monthsAfter")}</Table.Th>
                  <Table.Th scope="col">{t("national.effects.diagnostics")}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {sorted.map((c) => {
                  const e = c[outcome]!;
                  const warnings = warningsOf(e);
                  return (
                    <Table.Tr key={c.cityId}>
                      <Table.Th scope="row" style={{ whiteSpace: "nowrap" }}>{c.name} ({c.kommunkod})</Table.Th>
                      <Table.Td>{formatDate(c.programmeStartedOn)}</Table.Td>
                      <Table.Td ta="right" fw={excludes(e.lower, e.upper, 1) ? 700 : undefined} style={{ whiteSpace: "nowrap" }}>{formatRatio(e.rateRatio, e.lower, e.upper)}</Table.Td>
                      <Table.Td ta="right">{ratioAsChange(e.rateRatio)}</Table.Td>
                      <Table.Td ta="right">{formatDecimal(e.slopeRatioPerYear)}</Table.Td>
                      <Table.Td>{t(`national.effects.models.${e.model}`, { defaultValue: e.model })}</Table.Td>
                      <Table.Td ta="right">{formatDecimal(e.dispersion)}</Table.Td>
                      <Table.Td ta="right">{formatDecimal(e.autocorrelationP, 3)}</Table.Td>
                      <Table.Td ta="right">{e.monthsBefore}</Table.Td>
                      <Table.Td ta="right">{e.monthsAfter}</Table.Td>
                      <Table.Td>
                        {warnings.length ? (
                          <List size="xs" spacing={0} miw={220}>{warnings.map((w) => <List.Item key={w}>{t(`national.effects.warnings.${w}`)}</List.Item>)}</List>
                        ) : "–"}
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
                {rest.map((c) => (
                  <Table.Tr key={c.cityId}>
                    <Table.Th scope="row" style={{ whiteSpace: "nowrap" }}>{c.name} ({c.kommunkod})</Table.Th>
                    <Table.Td>{formatDate(c.programmeStartedOn)}</Table.Td>
                    <Table.Td colSpan={9}><Text size="sm" c="dimmed">{t("national.effects.noEstimate")}</Text></Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </div>
        </>
      )}
      <Alert color="yellow" title={t("national.effects.caveats")} mt="sm" role="note">
        <Text size="sm">{t("national.effects.caveatsIts")}</Text>
      </Alert>
    </Card>
  );
}
