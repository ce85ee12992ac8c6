// The unread count outside the page: in the tab's title and on the installed app's icon.
import type { ChannelEntry } from "./store";

/** The sum of unread messages of the conversations that are not muted: the tab title and app badge. */
export function totalUnread(channels: Readonly<Record<string, ChannelEntry>>): number {
  let total = 0;
  for (const c of Object.values(channels)) if (!c.muted) total += c.unread;
  return total;
}

/** "(3) Chat": the title with the unread count in front (any earlier count replaced). */
export function titleWithUnread(title: string, unread: number): string {
  const base = title.replace(/^\(\d+\+?\) /, "");
  if (unread <= 0) return base;
  return `(${unread > 999 ? "999+" : unread}) ${base}`;
}

/** The app icon's badge (Badging API), where the browser has it; elsewhere nothing happens. */
export function showAppBadge(unread: number): void {
  if (typeof navigator === "undefined" || !("setAppBadge" in navigator)) return;
  // Refused when the app is not installed, or by policy: the title still shows the count.
  const done = unread > 0 ? navigator.setAppBadge(unread) : navigator.clearAppBadge();
  void done.catch(() => {});
}
