// `npm run bench:client`: how long a browser device that was offline takes to catch up. The real
// app (production build, `npm run build` first) runs in-process on loopback; Chromium (Playwright)
// signs in, learns 50 channels, goes offline; another user then writes 10,000 messages over those
// channels (200 each); the device comes back online. Measured: from the `online` event to the
// moment the device's IndexedDB holds all 10,000 (sync pages of 1,000, written as they come).
// Prints JSON. BENCH_RUNS (default 3) runs, each with a new user and device; `ms` is the median.
import { randomUUID } from "node:crypto";
import { chromium } from "@playwright/test";
import { io } from "socket.io-client";
import type { ClientSocket, TestServer } from "../tests/support/test-server";
import { api, signUp, startTestServer } from "../tests/support/test-server";

const CHANNELS = Number(process.env.BENCH_CHANNELS ?? 50);
const PER_CHANNEL = Number(process.env.BENCH_PER_CHANNEL ?? 200);
const TOTAL = CHANNELS * PER_CHANNEL;
const RUNS = Number(process.env.BENCH_RUNS ?? 3);

async function connect(srv: TestServer, token: string): Promise<ClientSocket> {
  const s: ClientSocket = io(srv.url, { auth: { token }, transports: ["websocket"], reconnection: false, forceNew: true });
  await new Promise<void>((resolve, reject) => {
    s.once("connect", () => resolve());
    s.once("connect_error", reject);
  });
  return s;
}

async function seed(srv: TestServer, token: string, channels: string[]): Promise<void> {
  // Five sockets of the writer, a loop per channel, each message after the previous one's ack.
  const sockets = await Promise.all(Array.from({ length: 5 }, () => connect(srv, token)));
  try {
    await Promise.all(
      channels.map(async (channelId, c) => {
        const s = sockets[c % sockets.length]!;
        for (let i = 1; i <= PER_CHANNEL; i++) {
          const ack = await s.timeout(30_000).emitWithAck("message:send", { channelId, clientMsgId: randomUUID(), body: `missed ${c}-${i}` });
          if (!ack.ok) throw new Error(JSON.stringify(ack.error));
        }
      }),
    );
  } finally {
    for (const s of sockets) s.disconnect();
  }
}

async function run(srv: TestServer, browser: import("@playwright/test").Browser): Promise<Record<string, number>> {
  const [me, writer] = [await signUp(srv, `Reader${Date.now()}`), await signUp(srv, `Writer${Date.now()}`)];
  const channels: string[] = [];
  for (let i = 0; i < CHANNELS; i++) {
    const r = await api(srv, "POST", "/api/channels", { token: writer.token, body: { kind: "group", name: `bench ${i}`, memberIds: [me.id] } });
    channels.push(r.body.channel.id as string);
  }

  const context = await browser.newContext({ baseURL: srv.url });
  const page = await context.newPage();
  if (process.env.BENCH_DEBUG) page.on("console", (m) => console.error("page:", m.text()));
  await page.goto("/login");
  await page.getByRole("textbox", { name: "Email" }).fill(me.email);
  await page.getByLabel("Password").fill("correct horse battery");
  await page.getByRole("button", { name: "Log in" }).click();
  await page.waitForURL(/\/c$/);
  const dbName = `chat-device-${me.id}`;
  // The device knows the channels (its cursors at 0, stored) before it goes away.
  for (let known = 0; known < CHANNELS; ) {
    await page.waitForTimeout(100);
    known = await page.evaluate(async (name) => {
      if (!(await indexedDB.databases()).some((d) => d.name === name)) return 0;
      const db = await new Promise<IDBDatabase>((res, rej) => {
        const r = indexedDB.open(name);
        r.onsuccess = () => res(r.result);
        r.onerror = () => rej(r.error);
      });
      try {
        if (!db.objectStoreNames.contains("cursors")) return 0;
        return await new Promise<number>((res) => {
          const r = db.transaction("cursors").objectStore("cursors").count();
          r.onsuccess = () => res(r.result);
        });
      } finally {
        db.close();
      }
    }, dbName);
  }

  await context.setOffline(true);
  await page.getByRole("status").filter({ hasText: "You are offline" }).waitFor();
  const seedStart = performance.now();
  await seed(srv, writer.token, channels);
  const seedMs = performance.now() - seedStart;

  await page.evaluate(() => {
    (window as unknown as { __onlineAt?: number }).__onlineAt = undefined;
    window.addEventListener("online", () => ((window as unknown as { __onlineAt: number }).__onlineAt = performance.now()), { once: true });
  });
  await context.setOffline(false);
  const ms = await page.evaluate(
    async ({ name, total }) => {
      const db = await new Promise<IDBDatabase>((res, rej) => {
        const r = indexedDB.open(name);
        r.onsuccess = () => res(r.result);
        r.onerror = () => rej(r.error);
      });
      const w = window as unknown as { __onlineAt?: number };
      // No named inner functions: tsx would wrap them in a helper the page does not have.
      for (;;) {
        const held = await new Promise<number>((res) => {
          const r = db.transaction("messages").objectStore("messages").count();
          r.onsuccess = () => res(r.result);
        });
        if (w.__onlineAt !== undefined && held >= total) break;
        await new Promise((r) => setTimeout(r, 10));
      }
      const done = performance.now();
      db.close();
      return done - w.__onlineAt!;
    },
    { name: dbName, total: TOTAL },
  );
  await context.close();
  return { ms: Math.round(ms), seedMs: Math.round(seedMs) };
}

// "fatal": at the end, push notifications still queued for the (offline) reader fail noisily
// once the database is stopped.
const srv = await startTestServer({ MESSAGE_RATE_LIMIT: "100000000", LOG_LEVEL: "fatal" });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
try {
  const runs: Record<string, number>[] = [];
  for (let i = 0; i < RUNS; i++) runs.push(await run(srv, browser));
  const sorted = runs.map((r) => r.ms!).sort((a, b) => a - b);
  console.log(
    JSON.stringify(
      {
        messages: TOTAL,
        channels: CHANNELS,
        ms: sorted[Math.floor(sorted.length / 2)],
        runs: runs.map((r) => r.ms),
        seedMsPerRun: runs.map((r) => r.seedMs),
        syncPage: 1000,
        database: process.env.DATABASE_URL ? "postgres" : "embedded PostgreSQL",
        browser: `chromium ${browser.version()}`,
        node: process.version,
      },
      null,
      2,
    ),
  );
} finally {
  await browser.close();
  await srv.stop();
}
process.exit(0);
