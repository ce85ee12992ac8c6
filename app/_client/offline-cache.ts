// The app shell for offline use: the service worker (public/sw.js) keeps the pages of /c and the
// build's static files it has served. On the first visit the page was loaded before the worker
// existed, so the page tells it what to keep, and asks for the shell of conversations. Nothing of /api or /socket.io is ever cached:
// messages live in IndexedDB.

/** Names shared with public/sw.js. */
export const PAGES_CACHE = "chat-pages-v1";
/**
 * A conversation page kept as the app shell of every conversation: a conversation's page is the
 * same for all (it reads the id from the address), so offline any conversation opens from it.
 */
export const SHELL_PAGE = "/c/offline-shell";

/** The worker caches the app shell only in production builds (dev files change under the same names). */
export function serviceWorkerUrl(): string {
  return process.env.NODE_ENV === "production" ? "/sw.js?offline=1" : "/sw.js";
}

function enabled(): boolean {
  return typeof window !== "undefined" && "serviceWorker" in navigator && process.env.NODE_ENV === "production";
}

/**
 * Asks the worker to keep this page, the static files it loaded and the conversation shell. Needed
 * on a visit that the worker did not serve (the first one: it never saw these files), or when the
 * shell is not kept yet.
 */
export async function warmOfflineCache(servedByWorker: boolean): Promise<void> {
  if (!enabled()) return;
  if (servedByWorker && (await caches.match(new URL(SHELL_PAGE, location.origin).href).catch(() => undefined))) return;
  const reg = await navigator.serviceWorker.ready;
  const assets = new Set<string>();
  for (const e of performance.getEntriesByType("resource")) {
    const u = new URL(e.name);
    if (u.origin === location.origin && u.pathname.startsWith("/_next/static/")) assets.add(u.pathname + u.search);
  }
  document.querySelectorAll<HTMLScriptElement>("script[src]").forEach((el) => assets.add(new URL(el.src).pathname));
  document.querySelectorAll<HTMLLinkElement>('link[rel="stylesheet"][href]').forEach((el) => assets.add(new URL(el.href).pathname));
  const pages = [location.pathname, "/c", SHELL_PAGE];
  reg.active?.postMessage({ type: "keep", refresh: !servedByWorker, pages, assets: [...assets].filter((a) => a.startsWith("/_next/static/")) });
}

/** Log-out: the kept pages carry the signed-in user's name; another user must not get them offline. */
export async function forgetOfflinePages(): Promise<void> {
  if (typeof caches === "undefined") return;
  await caches.delete(PAGES_CACHE).catch(() => false);
}
