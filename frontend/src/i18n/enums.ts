// Labels of the API's enum values (never the raw English enum text on screen).
export const svEnums = {
 "DataSubjectRequestKind": {
  "access": "Registerutdrag",
  "rectification": "Rättelse",
  "erasure": "Radering",
  "objection": "Invändning"
 },
 "DataSubjectRequestStatus": {
  "received": "Mottagen",
  "in_progress": "Pågår",
  "completed": "Slutförd",
  "refused": "Avslagen"
 },
 "Attendance": {
  "invited": "Kallad",
  "attended": "Närvarade",
  "absent": "Frånvarande",
  "excused": "Förhindrad"
 },
 "CallInStatus": {
  "planned": "Planerad",
  "rehearsed": "Genrep hållet",
  "held": "Genomförd",
  "cancelled": "Inställd"
 },
 "Confidence": {
  "low": "Låg",
  "medium": "Medel",
  "high": "Hög"
 },
 "ContextEventKind": {
  "police_operation": "Polisinsats",
  "pandemic": "Pandemi",
  "conflict": "Konflikt",
  "policy": "Beslut",
  "other": "Övrigt"
 },
 "DesignationKind": {
  "at_risk": "I riskzon",
  "focus_list": "Fokuslista"
 },
 "EnforcementType": {
  "home_visit": "Hembesök",
  "arrest": "Gripande",
  "search": "Husrannsakan",
  "prosecution": "Åtal",
  "probation_sanction": "Sanktion frivård",
  "administrative": "Administrativ åtgärd"
 },
 "FidelityElement": {
  "partnership": "Partnerskap",
  "group_audit": "Gruppkartläggning",
  "call_ins": "Call-ins",
  "sanctions": "Sanktioner",
  "support": "Stöd"
 },
 "FidelityStatus": {
  "met": "Uppfyllt",
  "partly_met": "Delvis uppfyllt",
  "not_met": "Ej uppfyllt"
 },
 "GroupStatus": {
  "active": "Aktiv",
  "dormant": "Vilande",
  "dissolved": "Upplöst"
 },
 "IncidentRole": {
  "suspected_perpetrator": "Misstänkt gärningsperson",
  "victim": "Offer",
  "target": "Måltavla"
 },
 "IncidentType": {
  "shooting": "Skjutning",
  "explosion_completed": "Sprängning (fullbordad)",
  "explosion_attempted": "Sprängning (försök)",
  "explosion_prepared": "Sprängning (förberedelse)",
  "other_serious_violence": "Annat grovt våld"
 },
 "Involvement": {
  "none": "Ingen",
  "possible": "Möjlig",
  "likely": "Trolig",
  "confirmed": "Bekräftad"
 },
 "MembershipPosition": {
  "leader": "Ledare",
  "core": "Kärna",
  "peripheral": "Periferi",
  "associate": "Närstående"
 },
 "NotificationOutcome": {
  "delivered": "Levererad",
  "refused": "Avböjd",
  "not_reached": "Ej nådd"
 },
 "NotificationSetting": {
  "home": "Hemma",
  "custody": "Förvar",
  "street": "Gata",
  "school": "Skola",
  "other": "Annat"
 },
 "OrganisationKind": {
  "police": "Polis",
  "prison_probation": "Kriminalvården",
  "social_services": "Socialtjänst",
  "school": "Skola",
  "employment": "Arbetsförmedling",
  "municipality_other": "Kommun, övrigt",
  "civil_society": "Civilsamhälle",
  "health_care": "Hälso- och sjukvård"
 },
 "OutreachKind": {
  "contact": "Kontakt",
  "mediation": "Medling",
  "hours": "Timmar"
 },
 "Phase": {
  "partnership": "Partnerskap",
  "problem_analysis": "Problemanalys",
  "first_call_in": "Första call-in",
  "ongoing_operation": "Löpande drift"
 },
 "ProviderType": {
  "social_services": "Socialtjänst",
  "employment": "Arbete",
  "education": "Utbildning",
  "housing": "Boende",
  "addiction": "Beroendevård",
  "mental_health": "Psykisk hälsa",
  "protection": "Skydd",
  "exit_programme": "Avhopparprogram"
 },
 "RelationshipKind": {
  "conflict": "Konflikt",
  "alliance": "Allians",
  "split": "Splittring"
 },
 "RiskLevel": {
  "low": "Låg",
  "moderate": "Måttlig",
  "high": "Hög",
  "very_high": "Mycket hög"
 },
 "SpeakerCategory": {
  "law_enforcement": "Rättsväsende",
  "prison_probation": "Kriminalvården",
  "municipality": "Kommun",
  "civil_society": "Civilsamhälle",
  "health_care": "Vården",
  "community_moral_voice": "Moralisk röst"
 },
 "SupervisionStatus": {
  "none": "Ingen",
  "probation": "Skyddstillsyn",
  "parole": "Villkorlig frigivning",
  "youth_care": "Ungdomsvård"
 },
 "SupportContext": {
  "call_in": "Call-in",
  "notification": "Custom notification",
  "other": "Annat"
 },
 "SupportStatus": {
  "offered": "Erbjuden",
  "accepted": "Accepterad",
  "started": "Påbörjad",
  "completed": "Avslutad",
  "declined": "Avböjd",
  "dropped": "Avbruten",
  "withdrawn": "Återkallad"
 },
 "TaskKind": {
  "outreach": "Uppsökande",
  "custom_notification": "Custom notification",
  "enforcement": "Avskräckning",
  "support": "Stöd",
  "other": "Övrigt"
 },
 "TaskStatus": {
  "open": "Öppen",
  "in_progress": "Pågår",
  "done": "Klar",
  "cancelled": "Avbruten"
 }
};

export const enEnums: typeof svEnums = {
 "DataSubjectRequestKind": {
  "access": "Access (art. 15)",
  "rectification": "Rectification",
  "erasure": "Erasure",
  "objection": "Objection"
 },
 "DataSubjectRequestStatus": {
  "received": "Received",
  "in_progress": "In progress",
  "completed": "Completed",
  "refused": "Refused"
 },
 "Attendance": {
  "invited": "Invited",
  "attended": "Attended",
  "absent": "Absent",
  "excused": "Excused"
 },
 "CallInStatus": {
  "planned": "Planned",
  "rehearsed": "Rehearsed",
  "held": "Held",
  "cancelled": "Cancelled"
 },
 "Confidence": {
  "low": "Low",
  "medium": "Medium",
  "high": "High"
 },
 "ContextEventKind": {
  "police_operation": "Police operation",
  "pandemic": "Pandemic",
  "conflict": "Conflict",
  "policy": "Policy",
  "other": "Other"
 },
 "DesignationKind": {
  "at_risk": "At risk",
  "focus_list": "Focus list"
 },
 "EnforcementType": {
  "home_visit": "Home visit",
  "arrest": "Arrest",
  "search": "Search",
  "prosecution": "Prosecution",
  "probation_sanction": "Probation sanction",
  "administrative": "Administrative action"
 },
 "FidelityElement": {
  "partnership": "Partnership",
  "group_audit": "Group audit",
  "call_ins": "Call-ins",
  "sanctions": "Sanctions",
  "support": "Support"
 },
 "FidelityStatus": {
  "met": "Met",
  "partly_met": "Partly met",
  "not_met": "Not met"
 },
 "GroupStatus": {
  "active": "Active",
  "dormant": "Dormant",
  "dissolved": "Dissolved"
 },
 "IncidentRole": {
  "suspected_perpetrator": "Suspected perpetrator",
  "victim": "Victim",
  "target": "Target"
 },
 "IncidentType": {
  "shooting": "Shooting",
  "explosion_completed": "Explosion (completed)",
  "explosion_attempted": "Explosion (attempted)",
  "explosion_prepared": "Explosion (prepared)",
  "other_serious_violence": "Other serious violence"
 },
 "Involvement": {
  "none": "None",
  "possible": "Possible",
  "likely": "Likely",
  "confirmed": "Confirmed"
 },
 "MembershipPosition": {
  "leader": "Leader",
  "core": "Core",
  "peripheral": "Peripheral",
  "associate": "Associate"
 },
 "NotificationOutcome": {
  "delivered": "Delivered",
  "refused": "Refused",
  "not_reached": "Not reached"
 },
 "NotificationSetting": {
  "home": "Home",
  "custody": "Custody",
  "street": "Street",
  "school": "School",
  "other": "Other"
 },
 "OrganisationKind": {
  "police": "Police",
  "prison_probation": "Prison and Probation",
  "social_services": "Social services",
  "school": "School",
  "employment": "Employment",
  "municipality_other": "Municipality, other",
  "civil_society": "Civil society",
  "health_care": "Health care"
 },
 "OutreachKind": {
  "contact": "Contact",
  "mediation": "Mediation",
  "hours": "Hours"
 },
 "Phase": {
  "partnership": "Partnership",
  "problem_analysis": "Problem analysis",
  "first_call_in": "First call-in",
  "ongoing_operation": "Ongoing operation"
 },
 "ProviderType": {
  "social_services": "Social services",
  "employment": "Employment",
  "education": "Education",
  "housing": "Housing",
  "addiction": "Addiction care",
  "mental_health": "Mental health",
  "protection": "Protection",
  "exit_programme": "Exit programme"
 },
 "RelationshipKind": {
  "conflict": "Conflict",
  "alliance": "Alliance",
  "split": "Split"
 },
 "RiskLevel": {
  "low": "Low",
  "moderate": "Moderate",
  "high": "High",
  "very_high": "Very high"
 },
 "SpeakerCategory": {
  "law_enforcement": "Law enforcement",
  "prison_probation": "Prison and Probation",
  "municipality": "Municipality",
  "civil_society": "Civil society",
  "health_care": "Health care",
  "community_moral_voice": "Community moral voice"
 },
 "SupervisionStatus": {
  "none": "None",
  "probation": "Probation",
  "parole": "Parole",
  "youth_care": "Youth care"
 },
 "SupportContext": {
  "call_in": "Call-in",
  "notification": "Custom notification",
  "other": "Other"
 },
 "SupportStatus": {
  "offered": "Offered",
  "accepted": "Accepted",
  "started": "Started",
  "completed": "Completed",
  "declined": "Declined",
  "dropped": "Dropped",
  "withdrawn": "Withdrawn"
 },
 "TaskKind": {
  "outreach": "Outreach",
  "custom_notification": "Custom notification",
  "enforcement": "Enforcement",
  "support": "Support",
  "other": "Other"
 },
 "TaskStatus": {
  "open": "Open",
  "in_progress": "In progress",
  "done": "Done",
  "cancelled": "Cancelled"
 }
};
