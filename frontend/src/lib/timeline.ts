// Timeline titles come from the API in English SQL text ("shooting (victim)", "leader (review by 2020-01-01)");
// on screen they are rebuilt from the event's kind and the enum values inside, in the user's language.

type T = (key: string, options?: Record<string, unknown>) => string;

const KIND_ENUM: Record<string, string | undefined> = {
  incident: "IncidentType", membership_started: "MembershipPosition", membership_ended: "MembershipPosition",
  designation_started: "DesignationKind", designation_ended: "DesignationKind", enforcement: "EnforcementType",
  risk_assessment: "RiskLevel", relationship_started: "RelationshipKind", relationship_ended: "RelationshipKind",
};

/** Kind label: support_completed → "Stöd: Avslutad", outreach_contact → "Uppsökande: Kontakt", else timeline.kinds.X. */
export function timelineKind(kind: string, t: T): string {
  if (kind.startsWith("support_")) return `${t("timeline.kinds.support")}: ${t(`enums.SupportStatus.${kind.slice(8)}`)}`;
  if (kind.startsWith("outreach_")) return `${t("timeline.kinds.outreach")}: ${t(`enums.OutreachKind.${kind.slice(9)}`)}`;
  if (kind.startsWith("consent_")) return `${t("timeline.kinds.consent")}: ${t(`timeline.consent.${kind.slice(8)}`)}`;
  return t(`timeline.kinds.${kind}`, { defaultValue: kind });
}

const ENUM_GROUPS = ["IncidentType", "IncidentRole", "MembershipPosition", "DesignationKind", "EnforcementType", "RiskLevel",
  "RelationshipKind", "Confidence", "Attendance", "NotificationSetting", "NotificationOutcome", "ProviderType", "TaskStatus"];

/** The detail of a title with every known enum value translated (free text such as a venue stays as typed). */
export function timelineDetail(kind: string, title: string, t: T): string {
  const first = KIND_ENUM[kind];
  const groups = first ? [first, ...ENUM_GROUPS] : ENUM_GROUPS;
  const word = (w: string, only?: string) => {
    for (const g of only ? [only] : groups) {
      const label = t(`enums.${g}.${w}`, { defaultValue: "" });
      if (label) return label;
    }
    return w;
  };
  // One pass, so a translated word is never translated again.
  return title.replace(/review by (\d{4}-\d{2}-\d{2})|([a-z]+) confidence|\b[a-z]+(?:_[a-z]+)*\b/g, (match, day, level) => {
    if (day) return t("timeline.reviewBy", { day });
    if (level) return `${t("review.confidence").toLowerCase()} ${word(level, "Confidence").toLowerCase()}`;
    return word(match);
  });
}
