import type { ReactNode } from "react";
import { AppShell, Badge, Burger, Button, Group, NavLink, SegmentedControl, Text, Title, VisuallyHidden } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { Link, useLocation } from "react-router-dom";
import { useTranslation } from "react-i18next";
import { useAuth } from "../auth";
import { setLanguage, type Language } from "../i18n";
import { PurposeBadge } from "./Purpose";

/** The navigation: a link only for screens the role may read (the server decides the rest). */
const NAV: { to: string; label: string; category: string }[] = [
  { to: "/", label: "nav.dashboard", category: "figures" },
  { to: "/review", label: "nav.review", category: "incidents" },
  { to: "/incidents", label: "nav.incidents", category: "incidents" },
  { to: "/groups", label: "nav.groups", category: "groups" },
  { to: "/network", label: "nav.network", category: "groups" },
  { to: "/people", label: "nav.people", category: "people" },
  { to: "/call-ins", label: "nav.callIns", category: "callins" },
  { to: "/notifications", label: "nav.notifications", category: "notifications" },
  { to: "/enforcement", label: "nav.enforcement", category: "enforcement" },
  { to: "/support", label: "nav.support", category: "support" },
  { to: "/outreach", label: "nav.outreach", category: "outreach" },
  { to: "/tasks", label: "nav.tasks", category: "tasks" },
  { to: "/audit", label: "nav.audit", category: "audit" },
  { to: "/admin", label: "nav.admin", category: "administration" },
];

/** A national user's screens: aggregates only (the report, releases, effect estimates). */
const NATIONAL_NAV = [
  { to: "/", label: "national.nav.report" },
  { to: "/national/releases", label: "national.nav.releases" },
  { to: "/national/effects", label: "national.nav.effects" },
];

export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <SegmentedControl
      size="xs"
      aria-label={t("app.language")}
      value={i18n.language}
      onChange={(v) => setLanguage(v as Language)}
      data={[
        { value: "sv", label: "Svenska" },
        { value: "en", label: "English" },
      ]}
    />
  );
}

export function Shell({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const { me, can, signOut } = useAuth();
  const [opened, { toggle, close }] = useDisclosure();
  const location = useLocation();
  const active = (to: string) => (to === "/" ? location.pathname === "/" : location.pathname.startsWith(to));
  return (
    <AppShell header={{ height: 60 }} navbar={{ width: 240, breakpoint: "md", collapsed: { mobile: !opened } }} padding="md">
      <a className="skip-link" href="#main">
        {t("app.skip")}
      </a>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="md" size="sm" aria-label={t("app.menu")} />
            <Title order={1} size="h4" style={{ whiteSpace: "nowrap" }}>
              {t("app.title")}
              {me?.tenant && <VisuallyHidden> – </VisuallyHidden>}
            </Title>
            {me?.tenant && (
              <Text fw={600} c="dimmed" visibleFrom="md">
                {me.tenant.name}
              </Text>
            )}
          </Group>
          <Group gap="sm" wrap="nowrap">
            <PurposeBadge />
            <LanguageSwitch />
            {/* below laptop width the header keeps what a tablet needs: menu, purpose, language, sign-out */}
            <Text size="sm" visibleFrom="md" data-testid="who">
              {me?.name}
              {me?.role && (
                <Badge ml="xs" variant="light" color="gray" c="dark">
                  {t(`roles.${me.role}`)}
                </Badge>
              )}
            </Text>
            <Button variant="default" size="xs" onClick={() => void signOut()}>
              {t("app.signOut")}
            </Button>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label={t("app.menu")}>
        <nav aria-label={t("app.menu")}>
          {me?.kind === "national_user" && NATIONAL_NAV.map((n) => (
            <NavLink key={n.to} component={Link} to={n.to} label={t(n.label)} active={active(n.to)} onClick={close} variant="filled"
              aria-current={active(n.to) ? "page" : undefined} />
          ))}
          {NAV.filter((n) => can(n.category)).map((n) => (
            <NavLink key={n.to} component={Link} to={n.to} label={t(n.label)} active={active(n.to)} onClick={close} variant="filled"
              aria-current={active(n.to) ? "page" : undefined} />
          ))}
        </nav>
      </AppShell.Navbar>
      <AppShell.Main id="main" tabIndex={-1}>
        {children}
      </AppShell.Main>
    </AppShell>
  );
}
