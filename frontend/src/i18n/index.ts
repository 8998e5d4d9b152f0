import i18n from "i18next";
import { initReactI18next } from "react-i18next";
import dayjs from "dayjs";
import "dayjs/locale/sv";
import sv from "./sv";
import en from "./en";
import { city } from "./city";

export const LANGUAGES = ["sv", "en"] as const;
export type Language = (typeof LANGUAGES)[number];
const STORAGE_KEY = "gvi.language";

function initial(): Language {
  const saved = localStorage.getItem(STORAGE_KEY);
  return saved === "en" ? "en" : "sv"; // Swedish unless the user chose English
}

i18n.use(initReactI18next).init({
  resources: { sv: { translation: { ...sv, ...city.sv } }, en: { translation: { ...en, ...city.en } } },
  lng: initial(),
  fallbackLng: "sv",
  interpolation: { escapeValue: false },
});
dayjs.locale(i18n.language);
document.documentElement.lang = i18n.language;

export function setLanguage(lang: Language) {
  localStorage.setItem(STORAGE_KEY, lang);
  void i18n.changeLanguage(lang);
  dayjs.locale(lang);
  document.documentElement.lang = lang;
}

export default i18n;
