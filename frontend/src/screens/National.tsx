import { Alert, Stack, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { useAuth } from "../auth";

/** The national users' start page: aggregates only, never a person (the report screens follow the national API). */
export default function National() {
  const { t } = useTranslation();
  const { me } = useAuth();
  return (
    <Stack maw={720}>
      <Title order={2}>{t("national.title")}</Title>
      <Text>{t("national.intro", { name: me?.name })}</Text>
      <Alert color="blue" role="note">{t("national.pending")}</Alert>
    </Stack>
  );
}
