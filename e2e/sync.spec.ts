// Multi-device sync, the offline outbox and read state: one user on two devices (two browser
// contexts, each with its own IndexedDB), other people writing through the API.
import type { BrowserContext, Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { expectDeviceMatchesServer, readDevice, serverHistory, storedChannels } from "./device";
import {
  createDirectByApi,
  createGroupByApi,
  newUser,
  personInNewContext,
  seedMessages,
  send,
  signUp,
  signUpByApi,
  tokenFor,
} from "./helpers";

const nav = (page: Page) => page.getByRole("navigation", { name: "Channels" });
const offlineBanner = (page: Page) => page.getByRole("status").filter({ hasText: "You are offline" });

/** The same user's second device: signed in (cookies), nothing stored yet. */
async function secondDevice(context: BrowserContext) {
  const other = await context.browser()!.newContext({ storageState: await context.storageState() });
  const page = await other.newPage();
  await page.goto("/c");
  await expect(nav(page)).toBeVisible();
  return { context: other, page };
}

/** The service worker has kept this page: it opens offline. */
async function pageKeptOffline(page: Page, path: string): Promise<void> {
  await expect
    .poll(() => page.evaluate(async (p) => Boolean(await caches.match(new URL(p, location.origin).href)), path), { timeout: 15_000 })
    .toBe(true);
}

test("a device offline misses 300 messages in 3 channels and writes two; back online both devices match the server", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const one = await personInNewContext(browser, "Uma");
  const me = await tokenFor(one.user);
  const two = await secondDevice(one.context);
  // Four senders, so that none goes over the per-user message rate.
  const senders = await Promise.all(["Sol", "Tao", "Vic", "Wen"].map((n) => signUpByApi(n)));
  const memberIds = [me.id, ...senders.slice(1).map((s) => s.id)];
  const names = ["Alpha", "Beta", "Gamma"].map((n) => `${n} ${Date.now().toString(36)}`);
  const channels: string[] = [];
  for (const name of names) channels.push(await createGroupByApi(senders[0]!.token, name, memberIds));
  const tokens = senders.map((s) => s.token);

  // Both devices hear of the three groups live; both open the first.
  for (const d of [one, two]) {
    for (const name of names) await expect(nav(d.page).getByRole("link", { name })).toBeVisible();
    await nav(d.page).getByRole("link", { name: names[0]! }).click();
    await expect(d.page.getByRole("heading", { name: names[0]! })).toBeVisible();
  }
  await seedMessages(channels[0]!, tokens, 1, () => "before going offline");
  for (const d of [one, two]) await expect(d.page.getByRole("log").getByText("before going offline")).toBeVisible();

  await one.context.setOffline(true);
  await expect(offlineBanner(one.page)).toBeVisible();
  // Really offline: a message now reaches the other device only.
  await seedMessages(channels[0]!, tokens, 1, () => "while one is away");
  await expect(two.page.getByRole("log").getByText("while one is away")).toBeVisible();
  await one.page.waitForTimeout(1_000);
  await expect(one.page.getByRole("log").getByText("while one is away")).toHaveCount(0);
  expect((await readDevice(one.page, me.id)).messages.some((m) => m.body === "while one is away")).toBe(false);

  // 300 messages in the three channels, a conversation started meanwhile, and two messages
  // written on the offline device.
  await Promise.all(channels.map((id, c) => seedMessages(id, tokens, 100, (i) => `${names[c]} ${i}`)));
  const started = await createDirectByApi(senders[3]!.token, me.id);
  await seedMessages(started, [senders[3]!.token], 3, (i) => `while you were away ${i}`);
  await send(one.page, "written offline 1");
  await send(one.page, "written offline 2");
  const log1 = one.page.getByRole("log");
  await expect(log1.locator(".message", { hasText: "written offline 2" })).toContainText("Not sent yet");
  // 300 live messages to render on a busy 2-core machine: more than the default 10 s at times.
  await expect(two.page.getByRole("log").getByText(`${names[0]} 100`, { exact: true })).toBeVisible({ timeout: 30_000 });

  await one.context.setOffline(false);
  await expect(offlineBanner(one.page)).toBeHidden();
  await expect(log1.getByText(`${names[0]} 100`, { exact: true })).toBeVisible();
  await expect(log1.locator(".message", { hasText: "written offline 2" })).not.toContainText("Not sent yet");
  await expect(two.page.getByRole("log").getByText("written offline 2")).toBeVisible();

  // Both devices hold exactly what the server has, and the same as each other.
  await expectDeviceMatchesServer(one.page, me, 30_000);
  await expectDeviceMatchesServer(two.page, me, 30_000);
  const all = [...channels, started];
  expect(await storedChannels(one.page, me.id, all)).toEqual(await storedChannels(two.page, me.id, all));
  const held = await storedChannels(one.page, me.id, all);
  expect(held.map((c) => c.messages.length)).toEqual([104, 100, 100, 3]);

  // Each message written offline is stored once, in the order written.
  const history = await serverHistory(channels[0]!, me.token);
  const offline = history.filter((m) => m.body.startsWith("written offline"));
  expect(offline.map((m) => m.body)).toEqual(["written offline 1", "written offline 2"]);
  expect(offline.every((m) => m.senderId === me.id)).toBe(true);

  // The same screen on both: the conversation's newest messages (the log is virtualised: the
  // rows near the bottom are in the page), each once, in the same order; and the unread counts.
  const bodies = (p: Page) => p.getByRole("log").locator(".message-body").allInnerTexts();
  const newest = async (p: Page) => (await bodies(p)).slice(-15);
  await expect.poll(() => newest(one.page)).toEqual([...Array.from({ length: 13 }, (_, i) => `${names[0]} ${88 + i}`), "written offline 1", "written offline 2"]);
  await expect.poll(() => newest(two.page)).toEqual(await newest(one.page));
  for (const p of [one.page, two.page]) {
    const shown = await bodies(p);
    expect(new Set(shown).size).toBe(shown.length);
  }
  const listed = (p: Page) => nav(p).getByRole("link").evaluateAll((els) => els.map((e) => e.textContent));
  await expect.poll(() => listed(one.page)).toEqual(await listed(two.page));
  await expect(nav(one.page).getByRole("link", { name: names[1]! })).toHaveAccessibleName(/100 unread/);

  await one.context.close();
  await two.context.close();
});

test("a message written offline survives a reload while still offline and is delivered once", async ({ browser }) => {
  const a = await personInNewContext(browser, "Ola");
  const me = await tokenFor(a.user);
  const peer = await signUpByApi("Pia");
  const channelId = await createDirectByApi(peer.token, me.id);
  await seedMessages(channelId, [peer.token], 3, (i) => `hello ${i}`);
  await nav(a.page).getByRole("link", { name: peer.name }).click();
  const log = a.page.getByRole("log");
  await expect(log.getByText("hello 3")).toBeVisible();
  await pageKeptOffline(a.page, "/c/offline-shell");

  await a.context.setOffline(true);
  await expect(offlineBanner(a.page)).toBeVisible();
  await send(a.page, "survives a reload");
  await expect(log.locator(".message", { hasText: "survives a reload" })).toContainText("Not sent yet");

  // Reloaded offline: the app opens from the service worker's cache, the conversation and the
  // message waiting to go from IndexedDB.
  await a.page.reload();
  await expect(offlineBanner(a.page)).toBeVisible();
  await expect(nav(a.page).getByRole("link", { name: peer.name })).toBeVisible();
  await expect(log.getByText("hello 3")).toBeVisible();
  await expect(log.locator(".message", { hasText: "survives a reload" })).toContainText("Not sent yet");
  // Composing offline still works after the reload.
  await send(a.page, "and one more");

  await a.context.setOffline(false);
  await expect(offlineBanner(a.page)).toBeHidden();
  await expect(log.getByText("Not sent yet")).toHaveCount(0);
  await expect(log.getByText("survives a reload")).toHaveCount(1);
  await expect(log.getByText("and one more")).toHaveCount(1);
  await expectDeviceMatchesServer(a.page, me);
  const history = await serverHistory(channelId, peer.token);
  expect(history.map((m) => m.body)).toEqual(["hello 1", "hello 2", "hello 3", "survives a reload", "and one more"]);

  // Another reload (online): shown once, from the device, and nothing goes out again.
  await a.page.reload();
  await expect(log.getByText("survives a reload")).toHaveCount(1);
  await expectDeviceMatchesServer(a.page, me);
  expect(await serverHistory(channelId, peer.token)).toHaveLength(5);
  // The service worker kept the app shell, never the API or the socket.
  const kept = await a.page.evaluate(async () => {
    const urls: string[] = [];
    for (const name of await caches.keys()) for (const r of await (await caches.open(name)).keys()) urls.push(new URL(r.url).pathname);
    return urls;
  });
  expect(kept).toContain("/c/offline-shell");
  expect(kept.some((u) => u.startsWith("/_next/static/"))).toBe(true);
  expect(kept.filter((u) => u.startsWith("/api/") || u.startsWith("/socket.io"))).toEqual([]);
  await a.context.close();
});

test("offline, a conversation never opened on the device opens from the app shell; reading it there counts once back", async ({
  browser,
}) => {
  const one = await personInNewContext(browser, "Kai");
  const me = await tokenFor(one.user);
  const two = await secondDevice(one.context);
  const [pat, quo] = await Promise.all([signUpByApi("Pat"), signUpByApi("Quo")]);
  const first = await createDirectByApi(pat.token, me.id);
  const other = await createDirectByApi(quo.token, me.id);
  await seedMessages(first, [pat.token], 1, () => "hi from Pat");
  await seedMessages(other, [quo.token], 2, (i) => `Quo says ${i}`);
  const link = (p: Page, name: string) => nav(p).getByRole("link", { name });
  for (const d of [one, two]) await expect(link(d.page, quo.name)).toHaveAccessibleName(/2 unread/);
  await link(one.page, pat.name).click();
  await expect(one.page.getByRole("log").getByText("hi from Pat")).toBeVisible();
  await pageKeptOffline(one.page, "/c/offline-shell");

  await one.context.setOffline(true);
  await expect(offlineBanner(one.page)).toBeVisible();
  await link(one.page, quo.name).click();
  await expect(one.page).toHaveURL(new RegExp(`/c/${other}$`));
  await expect(one.page.getByRole("heading", { name: quo.name })).toBeVisible();
  await expect(one.page.getByRole("log").getByText("Quo says 2")).toBeVisible();
  await expect(one.page.getByRole("log").getByRole("separator", { name: "Unread messages" })).toBeVisible();
  await expect(link(one.page, quo.name)).not.toHaveAccessibleName(/unread/);
  // Read offline: the other device cannot know yet.
  await one.page.waitForTimeout(500);
  await expect(link(two.page, quo.name)).toHaveAccessibleName(/2 unread/);

  await one.context.setOffline(false);
  await expect(link(two.page, quo.name)).not.toHaveAccessibleName(/unread/);
  await expectDeviceMatchesServer(one.page, me);
  await expectDeviceMatchesServer(two.page, me);
  await one.context.close();
  await two.context.close();
});

test("reading on one device clears the other's unread count live; the unread divider", async ({ browser }) => {
  const one = await personInNewContext(browser, "Rae");
  const me = await tokenFor(one.user);
  const two = await secondDevice(one.context);
  const peer = await signUpByApi("Sam");
  const channelId = await createDirectByApi(peer.token, me.id);
  await seedMessages(channelId, [peer.token], 2, (i) => `old ${i}`);

  const link = (p: Page) => nav(p).getByRole("link", { name: peer.name });
  for (const d of [one, two]) await expect(link(d.page)).toHaveAccessibleName(/2 unread/);
  await link(one.page).click();
  await expect(one.page.getByRole("log").getByText("old 2")).toBeVisible();
  // Read on one: cleared on the other, without a reload.
  await expect(link(two.page)).not.toHaveAccessibleName(/unread/);
  await one.page.goto("/c");
  await expect(nav(one.page)).toBeVisible();

  await seedMessages(channelId, [peer.token], 3, (i) => `new ${i}`);
  for (const d of [one, two]) await expect(link(d.page)).toHaveAccessibleName(/3 unread/);
  await link(one.page).click();
  const divider = one.page.getByRole("log").getByRole("separator", { name: "Unread messages" });
  await expect(divider).toBeVisible();
  await expect(divider).toHaveText("New");
  // Right before the first unread message.
  await expect(one.page.getByRole("log").locator('[role="separator"][aria-label="Unread messages"] + .message')).toContainText("new 1");
  await expect(link(two.page)).not.toHaveAccessibleName(/unread/);
  await expect(link(one.page)).not.toHaveAccessibleName(/unread/);

  // The other device opens it: nothing unread, no divider.
  await link(two.page).click();
  await expect(two.page.getByRole("log").getByText("new 3")).toBeVisible();
  await expect(two.page.getByRole("log").getByRole("separator", { name: "Unread messages" })).toHaveCount(0);

  await expectDeviceMatchesServer(one.page, me);
  await expectDeviceMatchesServer(two.page, me);
  await one.context.close();
  await two.context.close();
});

test("a live message after a gap makes the device fetch what it missed", async ({ browser }) => {
  const context = await browser.newContext();
  // Between the server and this device, one `message` event is lost.
  let dropped = 0;
  await context.routeWebSocket(/\/socket\.io\//, (ws) => {
    const server = ws.connectToServer();
    server.onMessage((frame) => {
      if (typeof frame === "string" && frame.startsWith('42["message"') && frame.includes("lost on the way")) {
        dropped++;
        return;
      }
      ws.send(frame);
    });
    ws.onMessage((frame) => server.send(frame));
  });
  const page = await context.newPage();
  const user = newUser("Gia");
  await signUp(page, user);
  const me = await tokenFor(user);
  const peer = await signUpByApi("Hal");
  const channelId = await createDirectByApi(peer.token, me.id);
  await nav(page).getByRole("link", { name: peer.name }).click();
  await expect(page).toHaveURL(new RegExp(`/c/${channelId}$`));
  await seedMessages(channelId, [peer.token], 1, () => "first");
  await expect(page.getByRole("log").getByText("first")).toBeVisible();

  const fetched = page.waitForRequest((r) => r.url().includes(`/api/channels/${channelId}/messages?after=1`));
  await seedMessages(channelId, [peer.token], 3, (i) => ["lost on the way", "third", "fourth"][i - 1]!);
  await fetched;
  expect(dropped).toBe(1);
  const bodies = page.getByRole("log").locator(".message-body");
  await expect(bodies).toHaveText(["first", "lost on the way", "third", "fourth"]);
  await expectDeviceMatchesServer(page, me);
  await context.close();
});

test("a reload shows what the device holds before the network answers; logging out deletes it", async ({ browser }) => {
  const a = await personInNewContext(browser, "Ivy");
  const me = await tokenFor(a.user);
  const peer = await signUpByApi("Jon");
  const channelId = await createDirectByApi(peer.token, me.id);
  await seedMessages(channelId, [peer.token], 2, (i) => `note ${i}`);
  await nav(a.page).getByRole("link", { name: peer.name }).click();
  await expect(a.page.getByRole("log").getByText("note 2")).toBeVisible();
  await expectDeviceMatchesServer(a.page, me);

  // A reload shows the device's channels and messages before the server answers anything.
  let release = () => {};
  const held = new Promise<void>((r) => (release = r));
  await a.page.route("**/api/**", async (route) => {
    await held;
    await route.continue();
  });
  await a.page.reload();
  await expect(nav(a.page).getByRole("link", { name: peer.name })).toBeVisible({ timeout: 3_000 });
  await expect(a.page.getByRole("log").getByText("note 2")).toBeVisible({ timeout: 3_000 });
  release();

  const names = () => a.page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name));
  expect(await names()).toContain(`chat-device-${me.id}`);

  await a.page.getByRole("button", { name: "Log out" }).click();
  await expect(a.page).toHaveURL(/\/login$/);
  expect(await names()).not.toContain(`chat-device-${me.id}`);
  await a.context.close();
});

test("a message the server refuses stays failed across a reload, with the reason, Retry and Delete", async ({ browser }) => {
  const context = await browser.newContext();
  // The server refuses the first try of each message whose text asks for it (as it would a
  // message to a group the user was removed from); later tries go through.
  const refused = new Set<string>();
  await context.routeWebSocket(/\/socket\.io\//, (ws) => {
    const server = ws.connectToServer();
    server.onMessage((frame) => ws.send(frame));
    ws.onMessage((frame) => {
      const m = typeof frame === "string" ? /^42(\d+)\["message:send",(.*)\]$/.exec(frame) : null;
      const payload = m ? (JSON.parse(m[2]!) as { clientMsgId: string; body: string }) : null;
      if (m && payload?.body.startsWith("refuse:") && !refused.has(payload.clientMsgId)) {
        refused.add(payload.clientMsgId);
        ws.send(`43${m[1]}${JSON.stringify([{ ok: false, error: { code: "forbidden", message: "Not allowed here" } }])}`);
        return;
      }
      server.send(frame);
    });
  });
  const page = await context.newPage();
  const user = newUser("Lou");
  await signUp(page, user);
  const me = await tokenFor(user);
  const peer = await signUpByApi("Mo");
  const channelId = await createDirectByApi(peer.token, me.id);
  await nav(page).getByRole("link", { name: peer.name }).click();
  await expect(page).toHaveURL(new RegExp(`/c/${channelId}$`));

  await send(page, "refuse: then retry");
  await send(page, "refuse: then delete");
  const log = page.getByRole("log");
  const first = log.locator(".message", { hasText: "refuse: then retry" });
  const second = log.locator(".message", { hasText: "refuse: then delete" });
  await expect(first).toContainText("Failed: Not allowed here");
  await expect(second).toContainText("Failed: Not allowed here");

  // Kept on the device: still there, still failed, after a reload.
  await page.reload();
  await expect(first).toContainText("Failed: Not allowed here");
  await expect(second).toContainText("Failed: Not allowed here");
  expect((await readDevice(page, me.id)).outbox.map((o) => [o.body, o.state]).sort()).toEqual([
    ["refuse: then delete", "failed"],
    ["refuse: then retry", "failed"],
  ]);

  await second.getByRole("button", { name: "Delete" }).click();
  await expect(second).toHaveCount(0);
  await first.getByRole("button", { name: "Retry" }).click();
  await expect(first).not.toContainText("Failed");
  await expect(first).not.toContainText("Sending…");
  await expectDeviceMatchesServer(page, me);
  expect((await serverHistory(channelId, me.token)).map((m) => m.body)).toEqual(["refuse: then retry"]);
  await page.reload();
  await expect(log.locator(".message")).toHaveCount(1);
  await context.close();
});
