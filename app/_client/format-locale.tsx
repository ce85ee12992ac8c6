"use client";
import { useTranslations } from "next-intl";
import { setFormatLocale } from "@/app/c/_components/format-time";
import type { Locale } from "@/lib/i18n/locales";
import { setUiText } from "./ui-text";

/**
 * Tells the date and time formatters (format-time.ts, plain functions used all over the message
 * list) the page's locale, and the modules outside React its translator (ui-text.ts). Set during
 * render so the first paint already uses them; the page reloads when the language changes, so
 * they never change under a mounted list.
 */
export function FormatLocale({ locale }: { locale: Locale }) {
  const t = useTranslations();
  setFormatLocale(locale);
  setUiText(t, locale);
  return null;
}
