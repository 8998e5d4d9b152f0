import { useState } from "react";
import { Alert, Anchor, Button, Center, Code, Group, Paper, PasswordInput, PinInput, Stack, Text, TextInput, Title } from "@mantine/core";
import { useNavigate, useSearchParams } from "react-router-dom";
import { useTranslation } from "react-i18next";
import { ApiError, login, submitCode, type FieldProblem } from "../lib/api";
import { useAuth } from "../auth";
import { LanguageSwitch } from "../components/Shell";

/** Only a path inside the app is a place to go back to (never another origin). */
export function safeNext(next: string | null): string {
  return next && next.startsWith("/") && !next.startsWith("//") && !next.startsWith("/sign-in") ? next : "/";
}

export function SignIn() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const { refresh, expired } = useAuth();
  const [stage, setStage] = useState<"password" | "mfa_required" | "mfa_enrolment">("password");
  const [tenant, setTenant] = useState(() => localStorage.getItem("gvi.city") ?? "");
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const [code, setCode] = useState("");
  const [totpUri, setTotpUri] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<FieldProblem[]>([]);
  const [busy, setBusy] = useState(false);
  const next = safeNext(params.get("next"));

  const fieldError = (name: string) => fieldErrors.find((e) => e.field === name)?.message;

  const finish = async () => {
    await refresh();
    navigate(next, { replace: true });
  };

  const fail = (e: unknown) => {
    if (e instanceof ApiError) {
      setError(e.message);
      setFieldErrors(e.errors);
    } else setError(String(e));
  };

  const onPassword = async (e: React.FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setFieldErrors([]);
    try {
      localStorage.setItem("gvi.city", tenant.trim());
      const r = await login(tenant.trim(), username.trim(), password);
      setPassword("");
      if (r.stage === "authenticated") await finish();
      else {
        setStage(r.stage);
        setTotpUri(r.totp_uri ?? null);
      }
    } catch (err) {
      fail(err);
    } finally {
      setBusy(false);
    }
  };

  const onCode = async (e?: React.FormEvent, value = code) => {
    e?.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await submitCode(value);
      await finish();
    } catch (err) {
      setCode("");
      fail(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Center mih="100vh" p="md" component="main">
      <Paper withBorder shadow="sm" p="xl" w={420} maw="100%">
        <Stack>
          <Group justify="space-between">
            <Title order={1} size="h2">
              {t("app.title")}
            </Title>
            <LanguageSwitch />
          </Group>
          <Title order={2} size="h4">
            {t("signIn.title")}
          </Title>
          {expired && (
            <Alert color="yellow" role="status">
              {t("app.expired")}
            </Alert>
          )}
          {error && (
            <Alert color="red" title={t("signIn.failed")} role="alert">
              {error}
            </Alert>
          )}
          {stage === "password" ? (
            <form onSubmit={onPassword}>
              <Stack>
                <TextInput label={t("signIn.city")} description={t("signIn.cityHelp")} value={tenant}
                  onChange={(e) => setTenant(e.currentTarget.value)} autoComplete="organization" error={fieldError("tenant")} />
                <TextInput label={t("signIn.username")} value={username} onChange={(e) => setUsername(e.currentTarget.value)}
                  required autoComplete="username" error={fieldError("username")} />
                <PasswordInput label={t("signIn.password")} value={password} onChange={(e) => setPassword(e.currentTarget.value)}
                  required autoComplete="current-password" error={fieldError("password")} />
                <Button type="submit" loading={busy}>
                  {t("signIn.submit")}
                </Button>
                {tenant.trim() ? (
                  <Anchor href={`/auth/oidc/${encodeURIComponent(tenant.trim())}/login`} size="sm" ta="center">
                    {t("signIn.sso")}
                  </Anchor>
                ) : (
                  <Text size="xs" c="dimmed" ta="center">
                    {t("signIn.ssoNeedsCity")}
                  </Text>
                )}
              </Stack>
            </form>
          ) : (
            <form onSubmit={onCode}>
              <Stack>
                {stage === "mfa_enrolment" && totpUri && (
                  <>
                    <Text size="sm">{t("signIn.enrol")}</Text>
                    <Text size="xs" fw={600}>{t("signIn.enrolUri")}</Text>
                    <Code block style={{ wordBreak: "break-all" }}>{totpUri}</Code>
                  </>
                )}
                <Text component="label" htmlFor="totp-code" fw={500} size="sm">
                  {t("signIn.code")}
                </Text>
                <PinInput id="totp-code" length={6} type="number" oneTimeCode value={code} onChange={setCode}
                  aria-label={t("signIn.code")} onComplete={(v) => void onCode(undefined, v)} autoFocus />
                <Text size="xs" c="dimmed">
                  {t("signIn.codeHelp")}
                </Text>
                <Button type="submit" loading={busy} disabled={code.length !== 6}>
                  {t("signIn.verify")}
                </Button>
                <Anchor component="button" type="button" size="sm" onClick={() => { setStage("password"); setCode(""); }}>
                  {t("signIn.back")}
                </Anchor>
              </Stack>
            </form>
          )}
        </Stack>
      </Paper>
    </Center>
  );
}
