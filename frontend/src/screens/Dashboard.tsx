import { useMemo, useState } from "react";
import { Badge, Button, Card, Group, SegmentedControl, SimpleGrid, Stack, Table, Text, Title } from "@mantine/core";
import { useQuery } from "urql";
import { useTranslation } from "react-i18next";
import { graphql } from "../gql";
import type { FiguresPeriod } from "../gql/graphql";
import { Chart, type ChartOption } from "../components/Chart";
import { DateField } from "../components/DateField";
import { Loading, QueryError } from "../components/States";
import { formatDate, formatNumber, today } from "../lib/format";
import { monthsBack, sumRows, enforcementTotal } from "../lib/figures";

const DashboardQuery = graphql(`
  query Dashboard($period: FiguresPeriod!, $from: Date, $to: Date, $events: ContextEventFilter) {
    city { name }
    cityFigures(period: $period, from: $from, to: $to) {
      period startsOn shootingsWithInjury shootingsWithoutInjury killed injured explosions callInsHeld clientsAttending
      customNotifications enforcementHomeVisit enforcementArrest enforcementSearch enforcementProsecution
      enforcementProbationSanction enforcementAdministrative supportOffered supportAccepted supportStarted supportCompleted
      peopleReached
    }
    contextEvents(first: 100, filter: $events) { edges { node { id kind title startedOn endedOn } } }
    programme {
      name startedOn
      phases { phase startedOn endedOn }
      fidelity { element status assessedOn nextReviewOn overdue }
    }
  }
`);

const FIDELITY_COLOR: Record<string, string> = { met: "green", partly_met: "yellow", not_met: "red" };

export default function Dashboard() {
  const { t } = useTranslation();
  const [period, setPeriod] = useState<FiguresPeriod>("MONTH");
  const [from, setFrom] = useState<string>("");
  const [to, setTo] = useState<string>("");
  const variables = useMemo(
    () => ({ period, from: from || null, to: to || null, events: { start: from || null, end: to || null } }),
    [period, from, to],
  );
  const [{ data, fetching, error }, refetch] = useQuery({ query: DashboardQuery, variables });

  const rows = data?.cityFigures ?? [];
  const totals = useMemo(() => sumRows(rows), [rows]);
  const events = data?.contextEvents?.edges.map((e) => e.node) ?? [];

  // Context events as shaded spans (or a line for one day) on both charts' shared period axis.
  const periods = rows.map((r) => r.period);
  const periodOf = (day: string) => {
    let label = periods[0];
    for (const r of rows) if (r.startsOn <= day) label = r.period;
    return label;
  };
  const marks = events
    .filter((e) => rows.length && e.startedOn <= rows[rows.length - 1].startsOn.slice(0, 4) + "-12-31")
    .map((e) => [{ name: e.title, xAxis: periodOf(e.startedOn) }, { xAxis: periodOf(e.endedOn ?? e.startedOn) }]);
  const axis = { type: "category", data: periods, axisLabel: { hideOverlap: true } };
  const common = { tooltip: { trigger: "axis" }, legend: { top: 0, type: "scroll" }, grid: { left: 40, right: 20, top: 40, bottom: 60 },
    dataZoom: [{ type: "slider", bottom: 10, height: 18 }] };

  const violence: ChartOption = {
    ...common,
    xAxis: axis,
    yAxis: { type: "value", minInterval: 1 },
    series: [
      { name: t("dashboard.series.shootingsWithInjury"), type: "bar", stack: "s", data: rows.map((r) => r.shootingsWithInjury), color: "#b2182b",
        markArea: { silent: true, itemStyle: { color: "rgba(90,90,90,0.10)" }, label: { show: false }, data: marks } },
      { name: t("dashboard.series.shootingsWithoutInjury"), type: "bar", stack: "s", data: rows.map((r) => r.shootingsWithoutInjury), color: "#ef8a62" },
      { name: t("dashboard.series.explosions"), type: "bar", data: rows.map((r) => r.explosions), color: "#5e3c99" },
      { name: t("dashboard.series.killed"), type: "line", data: rows.map((r) => r.killed), color: "#111111", symbol: "triangle" },
      { name: t("dashboard.series.injured"), type: "line", data: rows.map((r) => r.injured), color: "#2166ac", symbol: "circle" },
    ],
  };
  const interventions: ChartOption = {
    ...common,
    xAxis: axis,
    yAxis: { type: "value", minInterval: 1 },
    series: [
      { name: t("dashboard.series.callInsHeld"), type: "bar", data: rows.map((r) => r.callInsHeld), color: "#1b7837",
        markArea: { silent: true, itemStyle: { color: "rgba(90,90,90,0.10)" }, label: { show: false }, data: marks } },
      { name: t("dashboard.series.customNotifications"), type: "bar", data: rows.map((r) => r.customNotifications), color: "#5aae61" },
      { name: t("dashboard.series.enforcement"), type: "bar", data: rows.map(enforcementTotal), color: "#8c510a" },
      { name: t("dashboard.series.peopleReached"), type: "line", data: rows.map((r) => r.peopleReached), color: "#01665e" },
    ],
  };
  const funnelSteps = ["supportOffered", "supportAccepted", "supportStarted", "supportCompleted"] as const;
  const funnel: ChartOption = {
    tooltip: { trigger: "item" },
    series: [{ type: "funnel", sort: "none", left: "10%", width: "80%", minSize: "10%", label: { position: "inside", formatter: "{b}: {c}", color: "#111" },
      data: funnelSteps.map((k, i) => ({ name: t(`dashboard.series.${k}`), value: totals[k],
        itemStyle: { color: ["#c6dbef", "#9ecae1", "#6baed6", "#4292c6"][i] } })) }],
  };

  const preset = (months: number | null) => {
    setFrom(months == null ? "" : monthsBack(today(), months));
    setTo("");
  };

  return (
    <Stack>
      <Title order={2}>{t("dashboard.title")}{data?.city ? ` – ${data.city.name}` : ""}</Title>
      <Card withBorder>
        <Group align="flex-end" wrap="wrap">
          <div>
            <Text size="sm" fw={500} id="period-label">{t("dashboard.period")}</Text>
            <SegmentedControl aria-labelledby="period-label" value={period} onChange={(v) => setPeriod(v as FiguresPeriod)}
              data={[{ value: "MONTH", label: t("dashboard.month") }, { value: "QUARTER", label: t("dashboard.quarter") },
                { value: "YEAR", label: t("dashboard.year") }]} />
          </div>
          <DateField label={t("dashboard.from")} value={from} onChange={(v) => setFrom(v ?? "")} w={160} />
          <DateField label={t("dashboard.to")} value={to} onChange={(v) => setTo(v ?? "")} w={160} />
          <Group gap="xs">
            <Button variant="light" size="sm" onClick={() => preset(12)}>{t("dashboard.presets.last12")}</Button>
            <Button variant="light" size="sm" onClick={() => preset(36)}>{t("dashboard.presets.last36")}</Button>
            <Button variant="light" size="sm" onClick={() => preset(null)}>{t("dashboard.presets.all")}</Button>
          </Group>
        </Group>
      </Card>
      {error && <QueryError error={error} retry={() => refetch({ requestPolicy: "network-only" })} />}
      {fetching && !data ? <Loading /> : (
        <>
          <section aria-labelledby="totals">
            <Title order={3} size="h4" id="totals" mb="xs">{t("dashboard.totals")}</Title>
            <SimpleGrid cols={{ base: 2, sm: 3, lg: 6 }}>
              {(["shootingsWithInjury", "shootingsWithoutInjury", "killed", "injured", "explosions", "callInsHeld"] as const).map((k) => (
                <Card withBorder key={k} padding="sm">
                  <Text size="xs" c="dimmed" fw={600}>{t(`dashboard.series.${k}`)}</Text>
                  <Text size="xl" fw={700} data-testid={`total-${k}`}>{formatNumber(totals[k])}</Text>
                </Card>
              ))}
            </SimpleGrid>
          </section>
          <Card withBorder>
            <Title order={3} size="h4">{t("dashboard.violence")}</Title>
            <Chart option={violence} label={t("dashboard.violence")} group="figures" />
          </Card>
          <Card withBorder>
            <Title order={3} size="h4">{t("dashboard.interventions")}</Title>
            <Chart option={interventions} label={t("dashboard.interventions")} group="figures" height={260} />
          </Card>
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            <Card withBorder>
              <Title order={3} size="h4">{t("dashboard.funnel")}</Title>
              <Chart option={funnel} label={t("dashboard.funnel")} height={240} />
              <Table mt="xs">
                <Table.Tbody>
                  {funnelSteps.map((k) => (
                    <Table.Tr key={k}><Table.Td>{t(`dashboard.series.${k}`)}</Table.Td><Table.Td ta="right">{formatNumber(totals[k])}</Table.Td></Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Card>
            <Card withBorder>
              <Title order={3} size="h4">{t("dashboard.fidelity")}</Title>
              {data?.programme ? (
                <Table>
                  <Table.Tbody>
                    {data.programme.fidelity.map((f) => (
                      <Table.Tr key={f.element}>
                        <Table.Td>{t(`enums.FidelityElement.${f.element}`)}</Table.Td>
                        <Table.Td>
                          <Badge color={f.status ? FIDELITY_COLOR[f.status] : "gray"} variant="light" c="dark">
                            {f.status ? t(`enums.FidelityStatus.${f.status}`) : "–"}
                          </Badge>
                          {f.overdue && <Badge ml="xs" color="red" variant="outline" c="red.9">{t("dashboard.overdue")}</Badge>}
                        </Table.Td>
                        <Table.Td>{formatDate(f.assessedOn)}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              ) : (
                <Text c="dimmed">{t("dashboard.noProgramme")}</Text>
              )}
              {data?.programme && (
                <Text size="sm" mt="sm">
                  {t("dashboard.phase")}: {data.programme.phases.map((p) => `${t(`enums.Phase.${p.phase}`)} (${formatDate(p.startedOn)})`).join(" → ")}
                </Text>
              )}
            </Card>
          </SimpleGrid>
          <Card withBorder>
            <Title order={3} size="h4">{t("dashboard.context")}</Title>
            <Table>
              <Table.Tbody>
                {events.map((e) => (
                  <Table.Tr key={e.id}>
                    <Table.Td>{formatDate(e.startedOn)}{e.endedOn ? ` – ${formatDate(e.endedOn)}` : ""}</Table.Td>
                    <Table.Td>{t(`enums.ContextEventKind.${e.kind}`)}</Table.Td>
                    <Table.Td>{e.title}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Card>
        </>
      )}
    </Stack>
  );
}
