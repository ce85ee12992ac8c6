// The app's service worker: shows push notifications and opens the right conversation when
// one is clicked. (Offline caching of the app shell is added by the offline step.)
/* eslint-env serviceworker */

self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (event) => event.waitUntil(self.clients.claim()));

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
async function openApp(url) {
  const href = new URL(url || "/c", self.location.origin).href;
  const windows = await self.clients.matchAll({ type: "window", includeUncontrolled: true });
  const mine = windows.filter((w) => new URL(w.url).origin === self.location.origin);
  const target = mine.find((w) => w.focused) || mine[0];
  if (target) {
    // focus() is only allowed while handling a click; the message still routes the page.
    await target.focus().catch(() => {});
    target.postMessage({ type: "open-url", url: href });
    return;
  }
  await self.clients.openWindow(href);
}
// For the end-to-end test, which cannot click a system notification.
self.openApp = openApp;

self.addEventListener("notificationclick", (event) => {
  event.notification.close();
  event.waitUntil(openApp(event.notification.data && event.notification.data.url));
});
