import { Stack, Tabs, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { useAuth } from "../auth";
import Agreements from "./admin/Agreements";
import ApiClients from "./admin/ApiClients";
import IdentityProvider from "./admin/IdentityProvider";
import NationalSharing from "./admin/NationalSharing";
import Organisations from "./admin/Organisations";
import SubjectRequests from "./admin/SubjectRequests";
import Users from "./admin/Users";

/** The coordinator's administration: accounts, partner organisations, API clients, single sign-on and the
 * registers of sharing agreements and data-subject requests, and the city's national statistics agreement. Buttons appear only for those who may act. */
export default function Admin() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const admin = can("administration", "write");
  return (
    <Stack>
      <Title order={2}>{t("admin.title")}</Title>
      <Tabs defaultValue="users" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="users">{t("admin.users")}</Tabs.Tab>
          <Tabs.Tab value="organisations">{t("admin.organisations")}</Tabs.Tab>
          <Tabs.Tab value="clients">{t("admin.clients")}</Tabs.Tab>
          <Tabs.Tab value="idp">{t("admin.idp")}</Tabs.Tab>
          <Tabs.Tab value="agreements">{t("admin.agreements")}</Tabs.Tab>
          <Tabs.Tab value="requests">{t("admin.requests")}</Tabs.Tab>
          <Tabs.Tab value="national">{t("admin.national")}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="users" pt="md"><Users writable={admin} /></Tabs.Panel>
        <Tabs.Panel value="organisations" pt="md"><Organisations writable={can("programme", "write")} /></Tabs.Panel>
        <Tabs.Panel value="clients" pt="md"><ApiClients writable={admin} /></Tabs.Panel>
        <Tabs.Panel value="idp" pt="md"><IdentityProvider writable={admin} /></Tabs.Panel>
        <Tabs.Panel value="agreements" pt="md"><Agreements writable={admin} /></Tabs.Panel>
        <Tabs.Panel value="requests" pt="md"><SubjectRequests writable={admin} /></Tabs.Panel>
        <Tabs.Panel value="national" pt="md"><NationalSharing writable={admin} /></Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
