import type { Locale } from "@/lib/i18n/locales";

// Dates and times with Intl in the UI's locale (English or Korean), not the browser's: the page
// reads in one language. Plain functions (not hooks) so every list row can call them cheaply;
// app/_client/format-locale.tsx sets the locale once per page.

interface Formats {
  locale: Locale;
  time: Intl.DateTimeFormat;
  full: Intl.DateTimeFormat;
  dayWithYear: Intl.DateTimeFormat;
  dayThisYear: Intl.DateTimeFormat;
  relative: Intl.RelativeTimeFormat;
  shortDate: Intl.DateTimeFormat;
  shortDateYear: Intl.DateTimeFormat;
}

function formatsFor(locale: Locale): Formats {
  return {
    locale,
    time: new Intl.DateTimeFormat(locale, { hour: "numeric", minute: "2-digit" }),
    full: new Intl.DateTimeFormat(locale, { dateStyle: "full", timeStyle: "short" }),
    dayWithYear: new Intl.DateTimeFormat(locale, { weekday: "long", month: "long", day: "numeric", year: "numeric" }),
    dayThisYear: new Intl.DateTimeFormat(locale, { weekday: "long", month: "long", day: "numeric" }),
    relative: new Intl.RelativeTimeFormat(locale, { numeric: "auto" }),
    shortDate: new Intl.DateTimeFormat(locale, { month: "short", day: "numeric" }),
    shortDateYear: new Intl.DateTimeFormat(locale, { month: "short", day: "numeric", year: "numeric" }),
  };
}

let f = formatsFor("en");

export function setFormatLocale(locale: Locale): void {
  if (f.locale !== locale) f = formatsFor(locale);
}

export const formatTime = (iso: string) => f.time.format(new Date(iso));
export const formatFull = (iso: string) => f.full.format(new Date(iso));

/** A local calendar day, for grouping messages: "2026-11-24". */
export function dayKey(iso: string): string {
  const d = new Date(iso);
  return `${d.getFullYear()}-${d.getMonth() + 1}-${d.getDate()}`;
}

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** "Today", "Yesterday" (오늘, 어제), else the weekday and date. */
export function formatDay(iso: string, now = new Date()): string {
  const d = new Date(iso);
  const key = dayKey(iso);
  if (key === dayKey(now.toISOString())) return capitalize(f.relative.format(0, "day"));
  const y = new Date(now);
  y.setDate(y.getDate() - 1);
  if (key === dayKey(y.toISOString())) return capitalize(f.relative.format(-1, "day"));
  return (d.getFullYear() === now.getFullYear() ? f.dayThisYear : f.dayWithYear).format(d);
}

/** The parts of a "last seen" text, worded by the caller's language. */
const LAST_SEEN: Record<Locale, { offline: string; justNow: string; ago: (w: string) => string; on: (d: string) => string }> = {
  en: { offline: "offline", justNow: "last seen just now", ago: (w) => `last seen ${w}`, on: (d) => `last seen on ${d}` },
  ko: { offline: "오프라인", justNow: "방금 전 접속", ago: (w) => `${w} 접속`, on: (d) => `${d} 접속` },
};

/** "last seen just now", "last seen 5 minutes ago", "last seen yesterday", "last seen on Mar 3" (and in Korean). */
export function formatLastSeen(iso: string | null, now = Date.now()): string {
  const w = LAST_SEEN[f.locale];
  if (!iso) return w.offline;
  const minutes = Math.floor((now - new Date(iso).getTime()) / 60_000);
  if (minutes < 1) return w.justNow;
  if (minutes < 60) return w.ago(f.relative.format(-minutes, "minute"));
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return w.ago(f.relative.format(-hours, "hour"));
  const days = Math.floor(hours / 24);
  if (days < 7) return w.ago(f.relative.format(-days, "day"));
  return w.on(f.shortDate.format(new Date(iso)));
}

/** When a found message was written: the time today, else the date and time. */
export function formatWhen(iso: string, now = new Date()): string {
  const d = new Date(iso);
  if (dayKey(iso) === dayKey(now.toISOString())) return formatTime(iso);
  const date = (d.getFullYear() === now.getFullYear() ? f.shortDate : f.shortDateYear).format(d);
  return `${date}, ${formatTime(iso)}`;
}

/** Settings › Sessions: "Last used 5 minutes ago" (5분 전 사용). */
export function formatLastUsed(iso: string, now = Date.now()): string {
  const seen = formatLastSeen(iso, now);
  return f.locale === "ko" ? seen.replace(/접속$/, "사용") : seen.replace(/^last seen/, "Last used");
}
