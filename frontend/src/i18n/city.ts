// Strings of the city team's editing screens (incident edits, outreach logging, call-in cancellation,
// follow-ups due), merged into each language's messages beside the shared ones.

const sv = {
  incidentEdit: {
    edit: "Ändra incident", title: "Ändra incident", saved: "Ändringen är sparad", policeRegion: "Polisregion",
    version: "Version {{n}}",
    conflict: "Någon annan har ändrat incidenten sedan du öppnade den. Det du skrev finns kvar: läs in den senaste versionen och gör ändringen igen.",
    reload: "Läs in den senaste versionen",
  },
  callInCancel: {
    cancel: "Ställ in call-in", title: "Ställ in call-in", reason: "Anledning", confirm: "Ställ in",
    intro: "En inställd call-in kan inte tas upp igen. Anledningen sparas på call-in:en och syns för teamet.",
    reasonShown: "Därför ställdes den in", done: "Call-in:en är inställd",
  },
  outreach: {
    title: "Uppsökande arbete", log: "Logga kontakt", logButton: "Logga", kind: "Slag", occurredOn: "Datum",
    worker: "Uppsökare", hours: "Timmar", person: "Person", otherPerson: "Andra parten", group: "Grupp",
    otherGroup: "Andra gruppen", organisation: "Organisation", note: "Anteckning", logged: "Kontakten är loggad",
    from: "Från", to: "Till", contacts: "Loggade kontakter", who: "Med",
    empty: "Inget loggat under perioden. Logga en kontakt, en medling eller timmar med formuläret.",
    hoursTotal: "{{hours}} timmar i listan", ownOrganisation: "Du ser och loggar bara din organisations arbete.",
  },
  incidentLinks: {
    linkGroup: "Koppla grupp", linkPerson: "Koppla person", link: "Koppla", group: "Grupp", person: "Person",
    role: "Roll", personRole: "Roll",
  },
  followUps: {
    dueSoon: "Snart", dueToday: "I dag",
    summary: "{{overdue}} försenade · {{soon}} förfaller inom en vecka",
  },
};

export type CityMessages = typeof sv;

const en: CityMessages = {
  incidentEdit: {
    edit: "Edit incident", title: "Edit incident", saved: "The change is saved", policeRegion: "Police region",
    version: "Version {{n}}",
    conflict: "Someone else changed the incident after you opened it. What you typed is kept: load the latest version and make the change again.",
    reload: "Load the latest version",
  },
  callInCancel: {
    cancel: "Cancel call-in", title: "Cancel call-in", reason: "Reason", confirm: "Cancel the call-in",
    intro: "A cancelled call-in cannot be resumed. The reason is kept on the call-in for the team.",
    reasonShown: "Why it was cancelled", done: "The call-in is cancelled",
  },
  outreach: {
    title: "Outreach", log: "Log contact", logButton: "Log", kind: "Kind", occurredOn: "Date",
    worker: "Outreach worker", hours: "Hours", person: "Person", otherPerson: "Other party", group: "Group",
    otherGroup: "Other group", organisation: "Organisation", note: "Note", logged: "The contact is logged",
    from: "From", to: "To", contacts: "Logged contacts", who: "With",
    empty: "Nothing logged in the period. Log a contact, a mediation or hours with the form.",
    hoursTotal: "{{hours}} hours in the list", ownOrganisation: "You see and log your own organisation's work only.",
  },
  incidentLinks: {
    linkGroup: "Link group", linkPerson: "Link person", link: "Link", group: "Group", person: "Person",
    role: "Role", personRole: "Role",
  },
  followUps: {
    dueSoon: "Soon", dueToday: "Today",
    summary: "{{overdue}} overdue · {{soon}} due within a week",
  },
};

export const city = { sv, en };
