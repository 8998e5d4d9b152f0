import { useEffect, useMemo, useState } from "react";
import { Alert, Badge, Button, Card, Group, MultiSelect, SegmentedControl, Select, SimpleGrid, Stack, Table, Text, TextInput, Title } from "@mantine/core";
import { useQuery } from "urql";
import { useTranslation } from "react-i18next";
import { graphql } from "../../gql";
import type { NationalReportQuery, ReportPeriod } from "../../gql/graphql";
import { useAuth } from "../../auth";
import { Loading, QueryError } from "../../components/States";
import { formatDate, formatNumber } from "../../lib/format";
import { formatDecimal, MEASURES, monthMinus, NATION, periodOfDay, periodsOf, seriesOf, totalsByCity } from "../../lib/national";
import { Chart, PALETTE, type ChartOption } from "./charts";
import { NationalHeading, ReleasePicker } from "./common";

const ReleasesQuery = graphql(`
  query NationalReleaseList { national { releases { id periodFrom periodTo } } }
`);

const ReportQuery = graphql(`
  query NationalReport($measures: [String!], $from: String, $to: String, $per: ReportPeriod!, $releaseId: Int) {
    national {
      report(measures: $measures, from: $from, to: $to, per: $per, releaseId: $releaseId) {
        releaseId per measures
        cities { id name kommunkod population programmeStartedOn contextEvents { kind startedOn endedOn } }
        rows { cityId city kommunkod period values { measure value flag ratePer100k } }
      }
    }
  }
`);

const DEFAULT_MEASURES = ["shootings_with_injury", "shootings_without_injury", "killed", "injured"];
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

interface Filter {
  measures: string[];
  from: string;
  to: string;
  per: ReportPeriod;
}

/** The cross-city report: cities × measures from a protected release, national totals, rates, charts. */
export default function NationalReport() {
  const { t } = useTranslation();
  const { me } = useAuth();
  const [{ data: list, error: listError }] = useQuery({ query: ReleasesQuery });
  const releases = list?.national?.releases ?? [];
  const [releaseId, setReleaseId] = useState<number | null>(null);
  const release = releases.find((r) => r.id === releaseId) ?? releases[0];
  const [draft, setDraft] = useState<Filter>({ measures: DEFAULT_MEASURES, from: "", to: "", per: "MONTH" });
  const [applied, setApplied] = useState<Filter | null>(null);

  // The last three years of the release unless the user chooses otherwise.
  useEffect(() => {
    if (release && !applied) {
      const from = monthMinus(release.periodTo, 35) < release.periodFrom ? release.periodFrom : monthMinus(release.periodTo, 35);
      const first = { ...draft, from, to: release.periodTo };
      setDraft(first);
      setApplied(first);
    }
  }, [release, applied, draft]);

  const variables = useMemo(() => applied && ({
    measures: applied.measures, from: applied.from || null, to: applied.to || null, per: applied.per, releaseId: release?.id ?? null,
  }), [applied, release?.id]);
  const [{ data, fetching, error }, refetch] = useQuery({ query: ReportQuery, variables: variables ?? { per: "MONTH" }, pause: !variables });
  const report = data?.national?.report;

  const invalid = {
    from: draft.from && !MONTH.test(draft.from) ? t("national.report.monthHelp") : undefined,
    to: draft.to && !MONTH.test(draft.to) ? t("national.report.monthHelp") : undefined,
    measures: draft.measures.length ? undefined : t("national.report.measuresHelp"),
  };
  const apply = (e: React.FormEvent) => {
    e.preventDefault();
    if (!invalid.from && !invalid.to && !invalid.measures) setApplied({ ...draft });
  };

  return (
    <Stack>
      <NationalHeading title={t("national.report.title")}>{t("national.intro", { name: me?.name })}</NationalHeading>
      {listError && <QueryError error={listError} />}
      {list && !releases.length && <Alert color="blue" role="status">{t("national.noRelease")}</Alert>}
      {releases.length > 0 && (
        <Card withBorder component="form" onSubmit={apply} aria-label={t("national.report.filters")}>
          <Group align="flex-start" wrap="wrap">
            <ReleasePicker releases={releases} value={release?.id ?? null} onChange={(id) => { setReleaseId(id); setApplied(null); }} />
            <MultiSelect label={t("national.report.measures")} w={420} searchable value={draft.measures} error={invalid.measures}
              onChange={(v) => setDraft({ ...draft, measures: v })}
              data={MEASURES.map((m) => ({ value: m, label: t(`national.measures.${m}`) }))} />
            <TextInput label={t("national.report.from")} placeholder={t("national.report.monthHelp")} w={130} value={draft.from}
              error={invalid.from} onChange={(e) => setDraft({ ...draft, from: e.currentTarget.value.trim() })} />
            <TextInput label={t("national.report.to")} placeholder={t("national.report.monthHelp")} w={130} value={draft.to}
              error={invalid.to} onChange={(e) => setDraft({ ...draft, to: e.currentTarget.value.trim() })} />
            <div>
              <Text size="sm" fw={500} id="national-per">{t("national.report.per")}</Text>
              <SegmentedControl aria-labelledby="national-per" value={draft.per} onChange={(v) => setDraft({ ...draft, per: v as ReportPeriod })}
                data={[{ value: "MONTH", label: t("national.report.month") }, { value: "YEAR", label: t("national.report.year") }]} />
            </div>
            <Button type="submit" mt={24}>{t("national.report.show")}</Button>
          </Group>
        </Card>
      )}
      {error && <QueryError error={error} retry={() => refetch({ requestPolicy: "network-only" })} />}
      {fetching && !report ? <Loading /> : report && <ReportBody report={report} />}
    </Stack>
  );
}

type Report = NonNullable<NonNullable<NationalReportQuery["national"]>["report"]>;

function ReportBody({ report }: { report: Report }) {
  const { t } = useTranslation();
  const measures = report.measures;
  const cities = report.cities;
  const cityById = useMemo(() => new Map(cities.map((c) => [c.id, c])), [cities]);
  const totals = useMemo(() => totalsByCity(report.rows, measures, cities), [report.rows, measures, cities]);
  const periods = useMemo(() => periodsOf(report.rows), [report.rows]);
  const nation = totals.find((r) => r.kommunkod === NATION);
  const withStart = cities.filter((c) => c.programmeStartedOn);
  const [cityId, setCityId] = useState<string | null>(null);
  const shownCity = cityById.get(cityId ?? "") ?? withStart[0] ?? cities[0];
  const name = (m: string) => t(`national.measures.${m}`);

  if (!report.rows.length) return <Alert color="gray" role="status">{t("national.report.empty")}</Alert>;

  const axis = { type: "category", data: periods, axisLabel: { hideOverlap: true } };
  const common = { tooltip: { trigger: "axis" }, legend: { top: 0, type: "scroll" }, grid: { left: 48, right: 24, top: 40, bottom: 60 },
    dataZoom: [{ type: "slider", bottom: 10, height: 18 }] };
  const nationOption: ChartOption = {
    ...common, xAxis: axis, yAxis: { type: "value", minInterval: 1 },
    series: measures.map((m, i) => ({ name: name(m), type: "line", color: PALETTE[i % PALETTE.length], connectNulls: false,
      data: nation ? seriesOf(report.rows, nation.cityId, m, periods) : [] })),
  };

  // Cities compared on the first measure's rate (the largest 15: a national page, not a league table of 290).
  const first = measures[0];
  const ranked = totals.filter((r) => r.kommunkod !== NATION && r.totals[first]?.rate != null)
    .sort((a, b) => (b.totals[first].rate ?? 0) - (a.totals[first].rate ?? 0)).slice(0, 15).reverse();
  const compareLabel = t("national.report.compareLabel", { measure: name(first), n: ranked.length });
  const compareOption: ChartOption = {
    tooltip: { trigger: "axis", axisPointer: { type: "shadow" } }, grid: { left: 140, right: 32, top: 16, bottom: 32 },
    xAxis: { type: "value" }, yAxis: { type: "category", data: ranked.map((r) => r.city) },
    series: [{ name: t("national.report.perCapita"), type: "bar", color: PALETTE[1],
      data: ranked.map((r) => Number((r.totals[first].rate ?? 0).toFixed(2))) }],
  };

  // One city's months with its programme start (a line) and its context events (shaded).
  const start = periodOfDay(shownCity?.programmeStartedOn, periods);
  const events = (shownCity?.contextEvents ?? []).map((e) => ({ e, from: periodOfDay(e.startedOn, periods), to: periodOfDay(e.endedOn ?? e.startedOn, periods) }))
    .filter((x) => x.from || x.to);
  const cityOption: ChartOption = {
    ...common, xAxis: axis, yAxis: { type: "value", minInterval: 1 },
    series: measures.map((m, i) => ({
      name: name(m), type: "line", color: PALETTE[i % PALETTE.length], data: shownCity ? seriesOf(report.rows, shownCity.id, m, periods) : [],
      ...(i === 0 ? {
        markLine: start ? { silent: true, symbol: "none", lineStyle: { color: "#111", type: "dashed" },
          label: { formatter: t("national.report.startMark"), color: "#111" }, data: [{ xAxis: start }] } : undefined,
        markArea: { silent: true, itemStyle: { color: "rgba(90,90,90,0.12)" }, label: { show: false },
          data: events.map((x) => [{ xAxis: x.from ?? periods[0] }, { xAxis: x.to ?? periods[periods.length - 1] }]) },
      } : {}),
    })),
  };

  const from = periods[0];
  const to = periods[periods.length - 1];
  return (
    <>
      <Card withBorder>
        <Title order={3} size="h4">{t("national.report.nationOverTime")}</Title>
        <Chart option={nationOption} label={t("national.report.nationOverTime")} height={300} />
      </Card>
      <SimpleGrid cols={{ base: 1, lg: 2 }}>
        <Card withBorder>
          <Title order={3} size="h4">{t("national.report.compare")}</Title>
          <Text size="sm" c="dimmed">{compareLabel}</Text>
          <Chart option={compareOption} label={compareLabel} height={Math.max(200, ranked.length * 22 + 48)} />
        </Card>
        <Card withBorder>
          <Title order={3} size="h4">{t("national.report.cityOverTime")}</Title>
          <Select label={t("national.report.chooseCity")} searchable allowDeselect={false} w={280} value={shownCity?.id ?? null}
            onChange={setCityId} data={cities.map((c) => ({ value: c.id, label: `${c.name} (${c.kommunkod})` }))} />
          <Chart option={cityOption} label={`${t("national.report.cityOverTime")}: ${shownCity?.name ?? ""}`} height={280} />
          <Text size="xs" c="dimmed">{t("national.report.marks")}</Text>
        </Card>
      </SimpleGrid>
      <Card withBorder>
        <Title order={3} size="h4" id="national-table">{t("national.report.table")}</Title>
        <Text size="sm" c="dimmed" mb="xs">{t("national.report.legendFlags")}</Text>
        <div style={{ overflowX: "auto" }} role="region" aria-labelledby="national-table" tabIndex={0}>
          <Table striped withTableBorder stickyHeader data-testid="national-table">
            <Table.Caption>{t("national.report.tableCaption", { from, to })}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t("national.report.city")}</Table.Th>
                <Table.Th scope="col" ta="right">{t("national.report.population")}</Table.Th>
                <Table.Th scope="col">{t("national.report.programmeStart")}</Table.Th>
                <Table.Th scope="col">{t("national.report.events")}</Table.Th>
                {measures.map((m) => <Table.Th scope="col" key={m} ta="right">{name(m)}</Table.Th>)}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {totals.map((r) => {
                const city = cityById.get(r.cityId);
                const isNation = r.kommunkod === NATION;
                return (
                  <Table.Tr key={r.cityId} fw={isNation ? 700 : undefined}>
                    <Table.Th scope="row" fw={isNation ? 700 : 500} style={{ whiteSpace: "nowrap" }}>{isNation ? t("national.report.total") : `${r.city} (${r.kommunkod})`}</Table.Th>
                    <Table.Td ta="right">{formatNumber(r.population)}</Table.Td>
                    <Table.Td>{isNation ? "" : formatDate(city?.programmeStartedOn)}</Table.Td>
                    <Table.Td>
                      {(city?.contextEvents ?? []).map((e, i) => (
                        <Badge key={i} variant="light" color="gray" c="dark" mr={4} title={`${formatDate(e.startedOn)}${e.endedOn ? ` – ${formatDate(e.endedOn)}` : ""}`}>
                          {t(`enums.ContextEventKind.${e.kind}`, { defaultValue: e.kind })} {e.startedOn.slice(0, 7)}
                        </Badge>
                      ))}
                    </Table.Td>
                    {measures.map((m) => {
                      const c = r.totals[m];
                      return (
                        <Table.Td key={m} ta="right" title={c.flag ? t(`national.flags.${c.flag}`) : c.partial ? t("national.report.partial") : undefined}>
                          {c.value == null ? "–" : `${formatNumber(c.value)}${c.partial ? "*" : ""}`}
                          {c.rate != null && <Text span size="xs" c="dimmed" display="block" style={{ whiteSpace: "nowrap" }}>{formatDecimal(c.rate)} {t("national.report.perCapita")}</Text>}
                        </Table.Td>
                      );
                    })}
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </div>
      </Card>
    </>
  );
}
