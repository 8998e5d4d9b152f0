import { useMemo, useState } from "react";
import { Select, type SelectProps } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { useQuery } from "urql";
import { useTranslation } from "react-i18next";
import { graphql } from "../gql";
import { usePurposeContext } from "../purpose";

const OrganisationsQuery = graphql(`
  query Organisations { organisations(first: 100) { edges { node { id name kind active } } } }
`);

const GroupsPickQuery = graphql(`
  query GroupsPick { groups(first: 100) { edges { node { id name status } } } }
`);

const PeoplePickQuery = graphql(`
  query PeoplePick($name: String!) {
    people(first: 20, filter: { nameContains: $name }) { edges { node { id displayName birthYear } } }
  }
`);

type PickerProps = Omit<SelectProps, "data"> & { label: string };

export function OrganisationSelect(props: PickerProps) {
  const { t } = useTranslation();
  const [{ data }] = useQuery({ query: OrganisationsQuery });
  const options = useMemo(
    () => (data?.organisations?.edges ?? []).filter((e) => e.node.active).map((e) => ({ value: e.node.id, label: e.node.name })),
    [data],
  );
  return <Select searchable clearable clearButtonProps={{ "aria-label": t("app.clear") }} {...props} data={options} />;
}

export function GroupSelect(props: PickerProps) {
  const { t } = useTranslation();
  const context = usePurposeContext();
  const [{ data }] = useQuery({ query: GroupsPickQuery, context });
  const options = useMemo(() => (data?.groups?.edges ?? []).map((e) => ({ value: e.node.id, label: e.node.name })), [data]);
  return <Select searchable clearable clearButtonProps={{ "aria-label": t("app.clear") }} {...props} data={options} />;
}

/** A person by name: searched on the server (audited as a search, with the stated purpose). */
export function PersonPicker(props: PickerProps) {
  const { t } = useTranslation();
  const context = usePurposeContext();
  const [search, setSearch] = useState("");
  const [name] = useDebouncedValue(search.trim(), 250);
  const [picked, setPicked] = useState<{ value: string; label: string } | null>(null);
  const [{ data }] = useQuery({ query: PeoplePickQuery, variables: { name }, context, pause: name.length < 2 });
  const options = useMemo(() => {
    const found = (data?.people?.edges ?? []).map((e) => ({
      value: e.node.id, label: `${e.node.displayName}${e.node.birthYear ? ` (${e.node.birthYear})` : ""}`,
    }));
    return picked && !found.some((o) => o.value === picked.value) ? [picked, ...found] : found;
  }, [data, picked]);
  return (
    <Select
      searchable
      clearable
      clearButtonProps={{ "aria-label": t("app.clear") }}
      filter={({ options }) => options}
      nothingFoundMessage={name.length >= 2 ? t("people.noHits") : undefined}
      searchValue={search}
      onSearchChange={setSearch}
      {...props}
      onChange={(value, option) => {
        setPicked(option ?? null);
        props.onChange?.(value, option);
      }}
      data={options}
    />
  );
}
