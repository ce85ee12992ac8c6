// Push notifications in the browser. Real push services are unreachable here, so the page's
// pushManager.subscribe is replaced by one returning a stand-in subscription, and the push itself
// is delivered to the service worker through the DevTools protocol, as a push service would.
// (The server's sending, signing and encryption are tested against a fake push service in
// tests/integration/push.test.ts.)
import { expect, test } from "./fixtures";
import { personInNewContext, send, startConversation } from "./helpers";

test("enable notifications, receive a push, and open the conversation from it", async ({ browser }) => {
  const bob = await personInNewContext(browser, "Bob");
  const ann = await personInNewContext(browser, "Ann", { permissions: ["notifications"] });
  await ann.context.addInitScript(() => {
    const fake = {
      endpoint: "https://push.example.test/send/stand-in",
      toJSON: () => ({ endpoint: "https://push.example.test/send/stand-in", keys: { p256dh: "BNcRdreALRFXTkOOUHK1EtK2wtaz5Ry4YfYCA_0QTpQtUbVlUls0VJXg7A8u-Ts1XbjhazAkj7I99e8QcYP7DkM", auth: "tBHItJI5svbpez7KI4CCXg" } }),
      unsubscribe: async () => true,
    };
    let subscribed = false;
    PushManager.prototype.subscribe = async function () {
      subscribed = true;
      return fake as unknown as PushSubscription;
    };
    PushManager.prototype.getSubscription = async function () {
      return (subscribed ? fake : null) as unknown as PushSubscription | null;
    };
  });
  await ann.page.reload();

  const saved = ann.page.waitForResponse((r) => r.url().endsWith("/api/push/subscriptions") && r.request().method() === "POST");
  await ann.page.getByRole("button", { name: "Enable notifications" }).click();
  expect((await saved).status()).toBe(201);
  await expect(ann.page.getByRole("button", { name: "Turn off notifications" })).toBeVisible();

  // A conversation with a message to be notified of.
  await startConversation(bob.page, [ann.user]);
  await send(bob.page, "are you there?");
  const url = new URL(bob.page.url());
  const channelId = url.pathname.split("/")[2]!;

  // Ann's service worker receives the push.
  const sw = ann.context.serviceWorkers()[0] ?? (await ann.context.waitForEvent("serviceworker"));
  const cdp = await ann.context.newCDPSession(ann.page);
  const registrationId = new Promise<string>((resolve) => {
    cdp.on("ServiceWorker.workerRegistrationUpdated", ({ registrations }) => {
      const r = registrations.find((x: { scopeURL: string; isDeleted: boolean }) => x.scopeURL.endsWith("/") && !x.isDeleted);
      if (r) resolve(r.registrationId);
    });
  });
  await cdp.send("ServiceWorker.enable");
  const payload = { title: "Bob", body: "are you there?", tag: `channel:${channelId}`, url: `/c/${channelId}/m/1`, channelId, seq: 1 };
  await cdp.send("ServiceWorker.deliverPushMessage", {
    origin: new URL(ann.page.url()).origin,
    registrationId: await registrationId,
    data: JSON.stringify(payload),
  });
  await expect
    .poll(() =>
      sw.evaluate(async () => {
        const reg = (self as unknown as { registration: ServiceWorkerRegistration }).registration;
        return (await reg.getNotifications()).map((n: Notification) => ({ title: n.title, body: n.body, tag: n.tag }));
      }),
    )
    .toEqual([{ title: "Bob", body: "are you there?", tag: `channel:${channelId}` }]);

  // Clicking it (the handler's work, run directly) takes Ann's open window to the message.
  await ann.page.goto("/c");
  await sw.evaluate((u) => (self as unknown as { openApp(url: string): Promise<void> }).openApp(u), payload.url);
  await expect(ann.page).toHaveURL(new RegExp(`/c/${channelId}/m/1$`));
  await expect(ann.page.getByRole("log")).toContainText("are you there?");
});
