// The app's service worker: shows push notifications and opens the right conversation when
// one is clicked, and keeps the app shell for offline use (registered as /sw.js?offline=1 by
// production builds; app/_client/offline-cache.ts):
// - pages of /c: network first; offline, the last good copy of that page, else the app shell;
// - /_next/static (content-hashed): cache first;
// - /api and /socket.io: never cached (messages live in the page's IndexedDB).
/* eslint-env serviceworker */

const PAGES = "chat-pages-v1"; // also named in app/_client/offline-cache.ts
const STATIC = "chat-static-v1";
// A conversation page is the same app shell for every conversation (the page reads the id from
// the address): offline, a conversation never opened on this device opens from this one.
const SHELL = "/c/offline-shell"; // also named in app/_client/offline-cache.ts
const MAX_PAGES = 30;
const CACHING = new URL(self.location.href).searchParams.get("offline") === "1";

self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      const keep = new Set([PAGES, STATIC]);
      for (const name of await caches.keys()) if (name.startsWith("chat-") && !keep.has(name)) await caches.delete(name);
      if (!CACHING) for (const name of keep) await caches.delete(name);
      await self.clients.claim();
    })(),
  );
});

const isAppPage = (url) => url.pathname === "/c" || url.pathname.startsWith("/c/");
const pageKey = (url) => url.origin + url.pathname;

async function keepPage(url, response) {
  // A redirect (to /login: the session ended) or an error page is not the app.
  if (!response.ok || response.redirected || response.type !== "basic" || !isAppPage(url)) return;
  const cache = await caches.open(PAGES);
  await cache.put(pageKey(url), response);
  const keys = await cache.keys();
  const spare = new Set([pageKey(new URL("/c", url)), pageKey(new URL(SHELL, url))]);
  for (const old of keys.slice(0, Math.max(0, keys.length - MAX_PAGES))) if (!spare.has(old.url)) await cache.delete(old);
}

/** The last good copy of this page; for a conversation, else the shell; else any page of the app. */
async function keptPage(url) {
  const cache = await caches.open(PAGES);
  const exact = await cache.match(pageKey(url));
  if (exact) return exact;
  if (url.pathname.startsWith("/c/")) {
    const shell = await cache.match(pageKey(new URL(SHELL, url)));
    if (shell) return shell;
  }
  const home = await cache.match(pageKey(new URL("/c", url)));
  if (home) return home;
  const any = (await cache.keys())[0];
  return any ? cache.match(any) : undefined;
}

async function page(event, url) {
  try {
    const response = await fetch(event.request);
    event.waitUntil(keepPage(url, response.clone()).catch(() => {}));
    return response;
  } catch (err) {
    const kept = isAppPage(url) ? await keptPage(url) : undefined;
    if (kept) return kept;
    throw err;
  }
}

async function cacheFirst(event) {
  const cache = await caches.open(STATIC);
  const hit = await cache.match(event.request);
  if (hit) return hit;
  const response = await fetch(event.request);
  if (response.ok && response.type === "basic") event.waitUntil(cache.put(event.request, response.clone()).catch(() => {}));
  return response;
}

self.addEventListener("fetch", (event) => {
  if (!CACHING) return;
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (url.pathname.startsWith("/api/") || url.pathname.startsWith("/socket.io")) return;
  if (request.mode === "navigate") event.respondWith(page(event, url));
  else if (url.pathname.startsWith("/_next/static/")) event.respondWith(cacheFirst(event));
});

// The page lists what it loaded before this worker controlled it (app/_client/offline-cache.ts).
self.addEventListener("message", (event) => {
  const d = event.data;
  if (!CACHING || !d || d.type !== "keep") return;
  event.waitUntil(
    (async () => {
      const statics = await caches.open(STATIC);
      for (const path of d.assets || []) {
        const url = new URL(path, self.location.origin);
        if (url.origin !== self.location.origin || !url.pathname.startsWith("/_next/static/")) continue;
        if (await statics.match(url.href)) continue;
        await statics.add(url.href).catch(() => {});
      }
      for (const path of d.pages || []) {
        const url = new URL(path, self.location.origin);
        if (url.origin !== self.location.origin || !isAppPage(url)) continue;
        if (!d.refresh && (await (await caches.open(PAGES)).match(pageKey(url)))) continue;
        const response = await fetch(url.href, { credentials: "same-origin" }).catch(() => null);
        if (response) await keepPage(url, response).catch(() => {});
      }
    })(),
  );
});

// Payload from the server (server/push/notification-payload.ts):
// {title, body, tag, url, channelId, seq}
self.addEventListener("push", (event) => {
  let data = {};
  try {
    data = event.data ? event.data.json() : {};
  } catch {
    data = { body: event.data ? event.data.text() : "" };
  }
  event.waitUntil(
    self.registration.showNotification(data.title || "New message", {
      body: data.body || "",
      tag: data.tag, // one notification per channel: a newer one replaces it
      renotify: Boolean(data.tag),
      icon: "/icons/icon-192.png",
      badge: "/icons/badge-72.png",
      data: { url: data.url || "/c" },
    }),
  );
});

// Focus an open window of the app and take it to the message, or open one.
// The page routes itself when it answers the message (no reload, its state kept); a page that does
// not answer in time (still loading, its listener not yet installed) is navigated instead.
const OPEN_ACK_MS = 1500;
async function openApp(url) {
  const href = new URL(url || "/c", self.location.origin).href;
  const windows = await self.clients.matchAll({ type: "window", includeUncontrolled: true });
  const mine = windows.filter((w) => new URL(w.url).origin === self.location.origin);
  const target = mine.find((w) => w.focused) || mine[0];
  if (!target) {
    await self.clients.openWindow(href);
    return;
  }
  // focus() is only allowed while handling a click; the message still routes the page.
  await target.focus().catch(() => {});
  const answered = await new Promise((resolve) => {
    const channel = new MessageChannel();
    const timer = setTimeout(() => resolve(false), OPEN_ACK_MS);
    channel.port1.onmessage = () => {
      clearTimeout(timer);
      resolve(true);
    };
    target.postMessage({ type: "open-url", url: href }, [channel.port2]);
  });
  if (answered) return;
  const navigated = await target.navigate(href).catch(() => null);
  if (!navigated) await self.clients.openWindow(href);
}
// For the end-to-end test, which cannot click a system notification.
self.openApp = openApp;

self.addEventListener("notificationclick", (event) => {
  event.notification.close();
  event.waitUntil(openApp(event.notification.data && event.notification.data.url));
});
