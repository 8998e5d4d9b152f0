import { DateInput, DatesProvider, type DateInputProps } from "@mantine/dates";
import "@mantine/dates/styles.css";
import "dayjs/locale/sv";
import "dayjs/locale/en";
import { useTranslation } from "react-i18next";

/** A calendar day as the API's Date (YYYY-MM-DD): typed or picked, Swedish calendar (weeks from Monday). */
export function DateField(props: Omit<DateInputProps, "value" | "onChange"> & { value: string | null; onChange: (v: string | null) => void }) {
  const { t, i18n } = useTranslation();
  const { value, onChange, ...rest } = props;
  return (
    <DatesProvider settings={{ locale: i18n.language, firstDayOfWeek: 1 }}>
      <DateInput valueFormat="YYYY-MM-DD" placeholder="ÅÅÅÅ-MM-DD" clearable
        clearButtonProps={{ "aria-label": t("app.clear") }} {...rest} value={value || null}
        onChange={(v) => onChange(v ? String(v).slice(0, 10) : null)} />
    </DatesProvider>
  );
}
