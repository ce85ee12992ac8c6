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

export function formatLastSeen(iso: string | null, now = Date.now()): string {
  if (!iso) return "offline";
  const minutes = Math.round((now - new Date(iso).getTime()) / 60_000);
  if (minutes < 1) return "last seen just now";
  if (minutes < 60) return `last seen ${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 24) return `last seen ${hours} h ago`;
  return `last seen ${formatDay(iso)}`;
}
