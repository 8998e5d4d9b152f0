import { describe, expect, it } from "vitest";
import i18n from "i18next";
import sv from "../i18n/sv";
import en from "../i18n/en";
import { timelineDetail, timelineKind } from "./timeline";

await i18n.init({ resources: { sv: { translation: sv }, en: { translation: en } }, lng: "sv", interpolation: { escapeValue: false } });
const t = i18n.t.bind(i18n) as (k: string, o?: Record<string, unknown>) => string;

describe("timeline in the user's language", () => {
  it("names the kind, never the raw enum", () => {
    expect(timelineKind("incident", t)).toBe("Incident");
    expect(timelineKind("support_completed", t)).toBe("Stöd: Avslutad");
    expect(timelineKind("outreach_mediation", t)).toBe("Uppsökande: Medling");
    expect(timelineKind("membership_started", t)).toBe("Medlemskap började");
  });
  it("translates the enum values inside the title", () => {
    expect(timelineDetail("incident", "shooting (victim)", t)).toBe("Skjutning (Offer)");
    expect(timelineDetail("membership_started", "leader (review by 2020-01-01)", t)).toBe("Ledare (omprövas senast 2020-01-01)");
    expect(timelineDetail("risk_assessment", "very_high (high confidence)", t)).toBe("Mycket hög (säkerhet hög)");
  });
  it("keeps free text as typed", () => {
    expect(timelineDetail("call_in", "Stadion, Malmö: attended", t)).toBe("Stadion, Malmö: Närvarade");
  });
  it("speaks English when asked", async () => {
    await i18n.changeLanguage("en");
    expect(timelineKind("designation_started", t)).toBe("Designation started");
    expect(timelineDetail("incident", "shooting (target)", t)).toBe("Shooting (Target)");
    await i18n.changeLanguage("sv");
  });
});
