"use client";
import { useId, useState } from "react";
import { useTranslations } from "next-intl";
import { api } from "@/app/_client/api";
import { isLocale, LOCALE_COOKIE, type Locale } from "@/lib/i18n/locales";

/** Each language under its own name, as language menus do. */
const NAMES: Record<Locale, string> = { en: "English", ko: "한국어" };
const YEAR_S = 60 * 60 * 24 * 365;

function chosenLocale(): Locale | "system" {
  const m = document.cookie.match(new RegExp(`(?:^|; )${LOCALE_COOKIE}=([^;]*)`));
  return m && isLocale(m[1]) ? m[1] : "system";
}

/**
 * Settings › Language: System (the browser's Accept-Language) or a fixed language. Stored in the
 * "locale" cookie that i18n/request.ts reads; the page reloads to render in it. The server also
 * keeps it on the user, for push notifications.
 */
export function LanguageSection() {
  const t = useTranslations("settings");
  const id = useId();
  const [value] = useState(chosenLocale);

  async function change(next: string) {
    if (isLocale(next)) document.cookie = `${LOCALE_COOKIE}=${next}; path=/; max-age=${YEAR_S}; samesite=lax`;
    else document.cookie = `${LOCALE_COOKIE}=; path=/; max-age=0; samesite=lax`;
    // Push notifications follow it too; "System" tells the server the browser's language.
    await api("PATCH /api/me", { body: { locale: isLocale(next) ? next : browserLocale() } }).catch(() => {});
    window.location.reload();
  }

  return (
    <section className="settings-section" aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`} className="section-title">
        {t("language")}
      </h3>
      <div className="field">
        <select id={id} className="language-select" aria-labelledby={`${id}-h`} defaultValue={value} onChange={(e) => void change(e.target.value)}>
          <option value="system">{t("languageSystem")}</option>
          <option value="en">{NAMES.en}</option>
          <option value="ko">{NAMES.ko}</option>
        </select>
      </div>
    </section>
  );
}

function browserLocale(): Locale {
  for (const l of navigator.languages) {
    const base = l.toLowerCase().split("-")[0];
    if (isLocale(base)) return base;
  }
  return "en";
}
