import { useState, type ReactNode } from "react";
import { Autocomplete, Badge, Button, Group, Modal, Stack, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { usePurpose } from "../purpose";

const PRESETS = ["review", "callin", "support", "enforcement", "followup"];

/** Asks why the user reads person data; the answer goes with every request as the purpose header. */
export function PurposeForm({ onDone, initial }: { onDone: (purpose: string) => void; initial?: string | null }) {
  const { t } = useTranslation();
  const [value, setValue] = useState(initial ?? "");
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    if (value.trim()) onDone(value.trim());
  };
  return (
    <form onSubmit={submit}>
      <Stack>
        <Text size="sm">{t("purpose.intro")}</Text>
        <Autocomplete
          label={t("purpose.label")}
          data={PRESETS.map((p) => t(`purpose.presets.${p}`))}
          value={value}
          onChange={setValue}
          required
          data-autofocus
        />
        <Group justify="flex-end">
          <Button type="submit" disabled={!value.trim()}>
            {t("purpose.submit")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Renders its children only once a purpose is stated (person data is never read without one). */
export function PurposeGate({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const { purpose, setPurpose } = usePurpose();
  if (purpose) return <>{children}</>;
  return (
    <Stack maw={520}>
      <Text fw={700} size="lg" component="h2">
        {t("purpose.title")}
      </Text>
      <PurposeForm onDone={setPurpose} />
    </Stack>
  );
}

export function PurposeBadge() {
  const { t } = useTranslation();
  const { purpose, setPurpose } = usePurpose();
  const [open, setOpen] = useState(false);
  if (!purpose) return null;
  return (
    <>
      <Badge variant="outline" color="dark" visibleFrom="lg" style={{ textTransform: "none" }} data-testid="purpose">
        {t("purpose.current")}: {purpose}
      </Badge>
      <Button size="xs" variant="subtle" onClick={() => setOpen(true)}>
        {t("purpose.change")}
      </Button>
      <Modal closeButtonProps={{ "aria-label": t("app.close") }} opened={open} onClose={() => setOpen(false)} title={t("purpose.title")}>
        <PurposeForm
          initial={purpose}
          onDone={(p) => {
            setPurpose(p);
            setOpen(false);
          }}
        />
      </Modal>
    </>
  );
}
