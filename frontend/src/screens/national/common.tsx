import { Select, Stack, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";

export interface ReleaseOption {
  id: number;
  periodFrom: string;
  periodTo: string;
}

/** Which release a national screen reads (the newest unless chosen). */
export function ReleasePicker({ releases, value, onChange }: {
  releases: readonly ReleaseOption[];
  value: number | null;
  onChange: (id: number | null) => void;
}) {
  const { t } = useTranslation();
  return (
    <Select label={t("national.report.release")} w={260} allowDeselect={false} value={value == null ? null : String(value)}
      onChange={(v) => onChange(v ? Number(v) : null)}
      data={releases.map((r) => ({ value: String(r.id), label: t("national.report.releaseOption", { id: r.id, from: r.periodFrom, to: r.periodTo }) }))} />
  );
}

/** A national screen's heading with the reminder that it shows aggregates only. */
export function NationalHeading({ title, children }: { title: string; children?: React.ReactNode }) {
  return (
    <Stack gap={4}>
      <Title order={2}>{title}</Title>
      {children && <Text c="dimmed" size="sm">{children}</Text>}
    </Stack>
  );
}
