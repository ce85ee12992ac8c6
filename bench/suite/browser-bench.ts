// What the browser benches share: people made over HTTP on a running product, messages sent by
// script, and a Debian Chromium with a signed-in context.
import { randomUUID } from "node:crypto";
import { type Browser, type BrowserContext, chromium } from "@playwright/test";
import { io } from "socket.io-client";
import { browserLogin } from "../../tests/support/session-cookie";
import type { Target } from "./targets";

export const PASSWORD = "correct horse battery";

export function productApi(product: Target) {
  const post = async (route: string, body: unknown, token?: string) => {
    const res = await fetch(product.url + route, {
      method: "POST",
      headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${route}: ${res.status} ${await res.text()}`);
    return (await res.json()) as Record<string, any>;
  };
  const person = async (name: string) => {
    const email = `${name.toLowerCase()}.${randomUUID().slice(0, 8)}@bench.test`;
    const { user } = await post("/api/users", { email, name, password: PASSWORD });
    const { token } = await post("/api/tokens", { email, password: PASSWORD });
    return { id: user.id as string, email, token: token as string };
  };
  const direct = async (from: { token: string }, to: { id: string }) => {
    const { channel } = await post("/api/channels", { kind: "direct", memberIds: [to.id] }, from.token);
    return channel.id as string;
  };
  return { post, person, direct };
}

/** `count` messages from one sender, `inFlight` at a time on one socket (seq i carries text(i) in an empty channel). */
export async function sendMany(url: string, token: string, channelId: string, count: number, text: (i: number) => string, inFlight = 1): Promise<void> {
  const socket = io(url, { auth: { token }, transports: ["websocket"], forceNew: true });
  try {
    let next = 1;
    const worker = async () => {
      while (next <= count) {
        const i = next++;
        const ack = await socket.timeout(30_000).emitWithAck("message:send", { channelId, clientMsgId: randomUUID(), body: text(i) });
        if (!ack.ok) throw new Error(JSON.stringify(ack.error));
      }
    };
    await Promise.all(Array.from({ length: inFlight }, worker));
  } finally {
    socket.disconnect();
  }
}

/** Debian Chromium (headless), optionally with a DevTools port (Lighthouse attaches to it). */
export function launchChromium(debugPort?: number): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: [
      ...(debugPort ? [`--remote-debugging-port=${debugPort}`] : []),
      "--no-sandbox",
      "--disable-gpu",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/** A browser context signed in as `email` (the session cookie of a real log-in). */
export async function signedInContext(browser: Browser, product: Target, email: string): Promise<{ context: BrowserContext; cookie: string }> {
  const cookie = await browserLogin(product, email, PASSWORD);
  if (!cookie) throw new Error("log-in failed");
  const context = await browser.newContext();
  const [name, value] = cookie.split("=");
  await context.addCookies([{ name: name!, value: value!, url: product.url }]);
  return { context, cookie };
}
