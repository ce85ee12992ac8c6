const time = new Intl.DateTimeFormat(undefined, { hour: "numeric", minute: "2-digit" });
const full = new Intl.DateTimeFormat(undefined, { dateStyle: "full", timeStyle: "short" });
const dayWithYear = new Intl.DateTimeFormat(undefined, { weekday: "long", month: "long", day: "numeric", year: "numeric" });
const dayThisYear = new Intl.DateTimeFormat(undefined, { weekday: "long", month: "long", day: "numeric" });

export const formatTime = (iso: string) => time.format(new Date(iso));
export const formatFull = (iso: string) => full.format(new Date(iso));

/** A local calendar day, for grouping messages: "2026-11-24". */
export function dayKey(iso: string): string {
  const d = new Date(iso);
  return `${d.getFullYear()}-${d.getMonth() + 1}-${d.getDate()}`;
}

export function formatDay(iso: string, now = new Date()): string {
  const d = new Date(iso);
  const key = dayKey(iso);
  if (key === dayKey(now.toISOString())) return "Today";
  const y = new Date(now);
  y.setDate(y.getDate() - 1);
  if (key === dayKey(y.toISOString())) return "Yesterday";
  return (d.getFullYear() === now.getFullYear() ? dayThisYear : dayWithYear).format(d);
}

const relative = new Intl.RelativeTimeFormat("en", { numeric: "auto" });
const shortDate = new Intl.DateTimeFormat(undefined, { month: "short", day: "numeric" });
const shortDateYear = new Intl.DateTimeFormat(undefined, { month: "short", day: "numeric", year: "numeric" });

/** "last seen just now", "last seen 5 minutes ago", "last seen yesterday", "last seen on Mar 3". */
export function formatLastSeen(iso: string | null, now = Date.now()): string {
  if (!iso) return "offline";
  const minutes = Math.floor((now - new Date(iso).getTime()) / 60_000);
  if (minutes < 1) return "last seen just now";
  if (minutes < 60) return `last seen ${relative.format(-minutes, "minute")}`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `last seen ${relative.format(-hours, "hour")}`;
  const days = Math.floor(hours / 24);
  if (days < 7) return `last seen ${relative.format(-days, "day")}`;
  return `last seen on ${shortDate.format(new Date(iso))}`;
}

/** When a found message was written: the time today, else the date and time. */
export function formatWhen(iso: string, now = new Date()): string {
  const d = new Date(iso);
  if (dayKey(iso) === dayKey(now.toISOString())) return formatTime(iso);
  const date = (d.getFullYear() === now.getFullYear() ? shortDate : shortDateYear).format(d);
  return `${date}, ${formatTime(iso)}`;
}
