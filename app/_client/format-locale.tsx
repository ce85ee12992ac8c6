"use client";
import { setFormatLocale } from "@/app/c/_components/format-time";
import type { Locale } from "@/lib/i18n/locales";

/**
 * Tells the date and time formatters (format-time.ts, plain functions used all over the message
 * list) the page's locale. Set during render so the first paint already uses it; the page
 * reloads when the language changes, so it never changes under a mounted list.
 */
export function FormatLocale({ locale }: { locale: Locale }) {
  setFormatLocale(locale);
  return null;
}
