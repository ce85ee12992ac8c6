import { type Browser, type BrowserContextOptions, expect, type Page, test } from "@playwright/test";
import { io } from "socket.io-client";
import type { Ack } from "../lib/contract/errors";
import type { Message } from "../lib/contract/models";

export interface TestUser {
  email: string;
  name: string;
  password: string;
}

let counter = 0;

/** A user unique to this run (the database may be shared between runs in CI). */
export function newUser(first: string): TestUser {
  const tag = `${Date.now().toString(36)}${process.pid.toString(36)}${(counter++).toString(36)}`;
  return {
    email: `${first.toLowerCase()}-${tag}@example.test`,
    name: `${first} ${tag}`,
    password: `pw-${tag}-secret`,
  };
}

export async function signUp(page: Page, u: TestUser): Promise<void> {
  await page.goto("/signup");
  await page.getByRole("textbox", { name: "Email" }).fill(u.email);
  await page.getByRole("textbox", { name: "Name" }).fill(u.name);
  await page.getByLabel("Password").fill(u.password);
  await page.getByRole("button", { name: "Sign up" }).click();
  // Sign-up hashes the password twice (account, then the log-in): argon2 on a busy 2-core machine
  // has taken over 10 s, the default wait.
  await expect(page).toHaveURL(/\/c$/, { timeout: 30_000 });
  await expect(page.getByRole("navigation", { name: "Channels" })).toBeVisible();
}

/** A signed-up user in their own browser context (own cookies: another person, another device). */
export async function personInNewContext(browser: Browser, first: string, options?: BrowserContextOptions) {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  const user = newUser(first);
  await signUp(page, user);
  return { context, page, user };
}

/** Opens "New message", chooses these people, names the group if given, and starts. */
export async function startConversation(page: Page, people: TestUser[], groupName?: string): Promise<void> {
  await page.getByRole("button", { name: "New message" }).click();
  const dialog = page.getByRole("dialog", { name: "New message" });
  await expect(dialog).toBeVisible();
  const combo = dialog.getByRole("combobox", { name: "People" });
  for (const p of people) {
    // Part of the name is enough to find them.
    await combo.fill(p.name.slice(0, -2));
    await dialog.getByRole("option", { name: p.name }).click();
  }
  if (groupName) await dialog.getByRole("textbox", { name: "Group name" }).fill(groupName);
  await dialog.getByRole("button", { name: "Start" }).click();
  await expect(dialog).toBeHidden();
  await expect(page).toHaveURL(/\/c\/[^/]+$/);
}

export async function send(page: Page, text: string): Promise<void> {
  const box = page.getByRole("textbox", { name: "Message" });
  await box.fill(text);
  await box.press("Enter");
  await expect(box).toHaveValue("");
}

/** The app's address (playwright.config.ts `use.baseURL`). */
export function baseURL(): string {
  const url = test.info().project.use.baseURL;
  if (!url) throw new Error("no baseURL");
  return url;
}

async function api<T>(path: string, init: { method?: string; token?: string; body?: unknown } = {}): Promise<T> {
  const res = await fetch(new URL(path, baseURL()), {
    method: init.method ?? (init.body === undefined ? "GET" : "POST"),
    headers: {
      ...(init.body === undefined ? {} : { "content-type": "application/json" }),
      ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
    },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  if (!res.ok) throw new Error(`${init.method ?? "GET"} ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** A bearer token and id for a user (signed up in a browser or by signUpByApi). */
export async function tokenFor(u: TestUser): Promise<{ token: string; id: string }> {
  const r = await api<{ token: string; user: { id: string } }>("/api/tokens", { body: { email: u.email, password: u.password } });
  return { token: r.token, id: r.user.id };
}

/** A user who needs no browser (the other side of a conversation seeded by script). */
export async function signUpByApi(first: string): Promise<TestUser & { id: string; token: string }> {
  const u = newUser(first);
  await api("/api/users", { body: u });
  return { ...u, ...(await tokenFor(u)) };
}

export async function createDirectByApi(token: string, otherId: string): Promise<string> {
  const r = await api<{ channel: { id: string } }>("/api/channels", { token, body: { kind: "direct", memberIds: [otherId] } });
  return r.channel.id;
}

export async function createGroupByApi(token: string, name: string, memberIds: string[]): Promise<string> {
  const r = await api<{ channel: { id: string } }>("/api/channels", { token, body: { kind: "group", name, memberIds } });
  return r.channel.id;
}

/**
 * Sends `count` messages into a channel over Socket.IO, taking turns between the senders (each
 * stays under the per-user rate limit), one after another so their seqs follow `text(i)`'s order.
 */
export async function seedMessages(channelId: string, tokens: string[], count: number, text: (i: number) => string): Promise<void> {
  const run = Math.random().toString(36).slice(2);
  const sockets = tokens.map((token) => io(baseURL(), { auth: { token }, transports: ["websocket"], forceNew: true }));
  try {
    await Promise.all(sockets.map((s) => new Promise<void>((resolve, reject) => {
      s.once("connect", () => resolve());
      s.once("connect_error", reject);
    })));
    for (let i = 1; i <= count; i++) {
      const s = sockets[i % sockets.length]!;
      const ack = (await s.timeout(10_000).emitWithAck("message:send", { channelId, clientMsgId: `seed-${run}-${i}`, body: text(i) })) as Ack<{
        message: Message;
      }>;
      if (!ack.ok) throw new Error(`seed ${i}: ${ack.error.message}`);
    }
  } finally {
    for (const s of sockets) s.disconnect();
  }
}

/**
 * Many messages from one sender, `inFlight` at a time on one socket (a socket's events are handled
 * in order, so seq i carries text(i) when the channel was empty). For long histories.
 */
export async function seedMany(channelId: string, token: string, count: number, text: (i: number) => string, inFlight = 64): Promise<void> {
  const run = Math.random().toString(36).slice(2);
  const s = io(baseURL(), { auth: { token }, transports: ["websocket"], forceNew: true });
  try {
    await new Promise<void>((resolve, reject) => {
      s.once("connect", () => resolve());
      s.once("connect_error", reject);
    });
    let next = 1;
    const worker = async () => {
      while (next <= count) {
        const i = next++;
        const ack = (await s.timeout(30_000).emitWithAck("message:send", { channelId, clientMsgId: `many-${run}-${i}`, body: text(i) })) as Ack<object>;
        if (!ack.ok) throw new Error(`seed ${i}: ${ack.error.message}`);
      }
    };
    await Promise.all(Array.from({ length: inFlight }, worker));
  } finally {
    s.disconnect();
  }
}

/** Scrolls the open conversation's log to its top as a reader does (the wheel: the log then stops holding its place). */
export async function scrollLogToTop(page: Page): Promise<void> {
  await page.getByRole("log").hover();
  await page.mouse.wheel(0, -1_000_000);
}

/** The channel id of the conversation open in `page` (its URL is /c/:id or /c/:id/m/:seq). */
export function openChannelId(page: Page): string {
  const m = /\/c\/([^/]+)/.exec(new URL(page.url()).pathname);
  if (!m) throw new Error(`no conversation open: ${page.url()}`);
  return decodeURIComponent(m[1]!);
}
