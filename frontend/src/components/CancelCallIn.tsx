import { useState } from "react";
import { Button, Modal, Text, Textarea } from "@mantine/core";
import { useMutation } from "urql";
import { useTranslation } from "react-i18next";
import { graphql } from "../gql";
import { usePurposeContext } from "../purpose";
import { MutationForm, payloadResult } from "./MutationForm";

const CancelCallIn = graphql(`
  mutation CancelCallIn($input: CancelCallInInput!, $key: String) {
    cancelCallIn(input: $input, idempotencyKey: $key) { callIn { id status cancellationReason } errors { field code message } }
  }
`);

/** Call off a call-in, with the reason the team will read later (the caller decides whether to show it at all). */
export function CancelCallInButton({ callInId, onDone }: { callInId: string; onDone: () => void }) {
  const { t } = useTranslation();
  const context = usePurposeContext();
  const [, cancel] = useMutation(CancelCallIn);
  const [opened, setOpened] = useState(false);
  const [reason, setReason] = useState("");
  return (
    <>
      <Button color="red" variant="light" onClick={() => setOpened(true)}>{t("callInCancel.cancel")}</Button>
      <Modal closeButtonProps={{ "aria-label": t("app.close") }} opened={opened} onClose={() => setOpened(false)}
        title={t("callInCancel.title")}>
        <Text size="sm" mb="sm">{t("callInCancel.intro")}</Text>
        <MutationForm label={t("callInCancel.title")} fields={["reason"]} submitLabel={t("callInCancel.confirm")}
          onDone={() => { setOpened(false); setReason(""); onDone(); }}
          submit={async (key) => payloadResult(await cancel({ input: { callInId, reason: reason.trim() }, key }, context), "cancelCallIn")}>
          {(errors) => (
            <Textarea label={t("callInCancel.reason")} value={reason} required autosize minRows={2} data-autofocus
              onChange={(e) => setReason(e.currentTarget.value)} error={errors.byField.reason} />
          )}
        </MutationForm>
      </Modal>
    </>
  );
}
