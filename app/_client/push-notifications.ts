// Web Push on this device: register the service worker, ask for permission when the user
// chooses to (never on load), subscribe with the server's VAPID key and tell the server.
// Framework-free, like the connection module; components call these functions.
import { ApiError, api } from "./api";
import { serviceWorkerUrl } from "./offline-cache";

export type PushState = "unsupported" | "denied" | "off" | "on";

export function pushSupported(): boolean {
  return typeof window !== "undefined" && "serviceWorker" in navigator && "PushManager" in window && "Notification" in window;
}

export async function registerServiceWorker(): Promise<ServiceWorkerRegistration | null> {
  if (typeof window === "undefined" || !("serviceWorker" in navigator)) return null;
  try {
    return await navigator.serviceWorker.register(serviceWorkerUrl(), { scope: "/" });
  } catch {
    return null; // e.g. plain http on a LAN address: the app works without it
  }
}

export async function pushState(): Promise<PushState> {
  if (!pushSupported()) return "unsupported";
  if (Notification.permission === "denied") return "denied";
  const reg = await navigator.serviceWorker.getRegistration("/");
  const sub = await reg?.pushManager.getSubscription();
  return sub && Notification.permission === "granted" ? "on" : "off";
}

function keyBytes(base64url: string): Uint8Array<ArrayBuffer> {
  const b64 = base64url.replace(/-/g, "+").replace(/_/g, "/").padEnd(Math.ceil(base64url.length / 4) * 4, "=");
  const raw = atob(b64);
  const out = new Uint8Array(new ArrayBuffer(raw.length));
  for (let i = 0; i < raw.length; i++) out[i] = raw.charCodeAt(i);
  return out;
}

/** Asks for permission (call from a click), subscribes and registers the subscription. */
export async function enablePush(): Promise<PushState> {
  if (!pushSupported()) return "unsupported";
  const permission = await Notification.requestPermission();
  if (permission !== "granted") return permission === "denied" ? "denied" : "off";
  const reg = (await registerServiceWorker()) ?? (await navigator.serviceWorker.ready);
  await navigator.serviceWorker.ready;
  const { publicKey } = await api("GET /api/push/vapid-public-key");
  const sub =
    (await reg.pushManager.getSubscription()) ??
    (await reg.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: keyBytes(publicKey) }));
  const { keys } = sub.toJSON();
  try {
    await api("POST /api/push/subscriptions", {
      body: { endpoint: sub.endpoint, keys: { p256dh: keys?.p256dh ?? "", auth: keys?.auth ?? "" } },
    });
  } catch (err) {
    if (err instanceof ApiError && err.status !== 0) throw new Error(`the server refused the subscription (${err.status})`);
    throw err;
  }
  return "on";
}

export async function disablePush(): Promise<PushState> {
  const reg = await navigator.serviceWorker.getRegistration("/");
  const sub = await reg?.pushManager.getSubscription();
  if (sub) {
    // Unsubscribing below ends the subscription anyway; the server drops it at its next 410.
    await api("DELETE /api/push/subscriptions", { body: { endpoint: sub.endpoint } }).catch(() => {});
    await sub.unsubscribe();
  }
  return "off";
}

/** Runs `open` when a notification click asks this window to show a URL. */
export function onNotificationOpen(open: (url: string) => void): () => void {
  if (typeof window === "undefined" || !("serviceWorker" in navigator)) return () => {};
  const listener = (e: MessageEvent) => {
    const d = e.data as { type?: string; url?: string } | null;
    if (d?.type === "open-url" && typeof d.url === "string") {
      const u = new URL(d.url);
      if (u.origin !== location.origin) return;
      e.ports[0]?.postMessage("opened"); // tells the worker it need not reload this window
      open(u.pathname + u.search);
    }
  };
  navigator.serviceWorker.addEventListener("message", listener);
  return () => navigator.serviceWorker.removeEventListener("message", listener);
}
