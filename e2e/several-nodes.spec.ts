// Two nodes of their own (not the suite's server), as a browser meets them when discovery names a
// node by its own address: the page is served by node A (localhost), discovery names node B
// (127.0.0.1: another host, so the browser sends it no cookie of the page). The socket opens on B
// with a ticket fetched from A and receives messages live; when B is killed the client asks
// discovery again and moves to A (discovery skips B at once: its /healthz does not answer, though
// NODE_TIMEOUT_MS is a minute), and messages arrive live again, once each.
// Needs a shared Postgres and Redis (DATABASE_URL, REDIS_URL), like tests/integration/cluster*.
import { randomBytes, randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { io, type Socket } from "socket.io-client";
import type { ClientToServerEvents, ServerToClientEvents } from "../lib/contract/events";
import { freePort, killAll, startProcess } from "../tests/support/app-process";
import { createTestDatabase, type TestDatabase } from "../tests/support/test-database";
import { expect, test } from "./fixtures";
import { newUser, signUp } from "./helpers";

const hasServers = Boolean(process.env.DATABASE_URL && process.env.REDIS_URL);

test.describe.serial("several nodes, one address each", () => {
  test.skip(!hasServers, "needs DATABASE_URL and REDIS_URL (a Postgres and a Redis both nodes share)");
  let db: TestDatabase;
  let a = "";
  let b = "";
  let nodeB: ReturnType<typeof startProcess>;
  const sockets: Socket[] = [];

  test.beforeAll(async () => {
    test.setTimeout(240_000);
    db = await createTestDatabase();
    const [portA, portB] = [await freePort(), await freePort()];
    a = `http://localhost:${portA}`;
    b = `http://127.0.0.1:${portB}`;
    const shared = {
      DATABASE_URL: db.url!,
      REDIS_URL: process.env.REDIS_URL!,
      REDIS_STREAM: `chat-e2e-${randomBytes(4).toString("hex")}`,
      AUTH_SECRET: randomBytes(32).toString("hex"),
      DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), "chat-e2e-nodes-")),
      NODE_HEARTBEAT_MS: "300",
      // A dead node would be named for a minute: only the probe makes discovery skip it here.
      NODE_TIMEOUT_MS: "60000",
      SIGNUP_MAX_PER_IP: "1000",
      // The page's origin (A) for B's CORS; B's address for the page's Content-Security-Policy.
      CORS_ORIGINS: `${a},${b}`,
    };
    // A has no PUBLIC_URL: it is not in discovery's list, so discovery names B while B lives, and
    // A's own origin when no node is left.
    await startProcess({ ...shared, PORT: String(portA) }).listening;
    nodeB = startProcess({ ...shared, PORT: String(portB), PUBLIC_URL: b });
    await nodeB.listening;
  });
  test.afterAll(async () => {
    sockets.forEach((s) => s.disconnect());
    killAll();
    await new Promise((r) => setTimeout(r, 200));
    await db?.drop();
  });

  test("the page on A opens its socket on B with a ticket, and moves to A when B dies", async ({ browser }) => {
    test.setTimeout(120_000);
    const context = await browser.newContext({ baseURL: a });
    const page = await context.newPage();
    const opened: { url: string; at: number; isClosed: () => boolean }[] = [];
    page.on("websocket", (ws) => opened.push({ url: ws.url(), at: Date.now(), isClosed: () => ws.isClosed() }));
    let tickets = 0;
    page.on("request", (r) => {
      if (r.url() === `${a}/api/socket-ticket` && r.method() === "POST") tickets++;
    });
    const me = newUser("Paged");
    await signUp(page, me);

    // The other side: a bot with a token, on node A.
    const post = async (p: string, body: unknown, token?: string) => {
      const r = await fetch(a + p, {
        method: "POST",
        headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify(body),
      });
      expect(r.ok, `${p}: ${r.status}`).toBe(true);
      return (await r.json()) as any;
    };
    const friend = newUser("Friend");
    await post("/api/users", friend);
    const { token } = await post("/api/tokens", { email: friend.email, password: friend.password });
    const { user: meUser } = await post("/api/tokens", { email: me.email, password: me.password });
    const { channel } = await post("/api/channels", { kind: "direct", memberIds: [meUser.id] }, token);
    const bot: Socket<ServerToClientEvents, ClientToServerEvents> = io(a, { auth: { token }, transports: ["websocket"], forceNew: true });
    sockets.push(bot);
    const say = async (body: string) => {
      const ack = await bot.timeout(10_000).emitWithAck("message:send", { channelId: channel.id, clientMsgId: randomUUID(), body });
      expect(ack.ok).toBe(true);
    };

    // The socket runs on B (long-polling first, then a WebSocket there), authenticated by a ticket.
    await expect.poll(() => opened.some((o) => o.url.startsWith(`ws://127.0.0.1:${new URL(b).port}/`))).toBe(true);
    expect(tickets).toBeGreaterThan(0);
    await page.getByRole("navigation", { name: "Channels" }).getByRole("link", { name: friend.name }).click();
    await say("hello through node B");
    await expect(page.getByRole("log").getByText("hello through node B")).toBeVisible();

    nodeB.child.kill("SIGKILL");
    await nodeB.exited;
    const killedAt = Date.now();
    const toA = () => opened.find((o) => o.at >= killedAt && o.url.startsWith(`ws://localhost:${new URL(a).port}/`));
    await expect.poll(() => toA() !== undefined, { timeout: 30_000 }).toBe(true);
    console.log(`the page's socket moved from the killed node B to A ${toA()!.at - killedAt} ms after the kill`);
    await say("hello through node A");
    await expect(page.getByRole("log").getByText("hello through node A")).toBeVisible();
    // One socket drives the page: each message shows once.
    await expect(page.getByRole("log").getByText("hello through node A")).toHaveCount(1);
    await expect(page.getByRole("log").getByText("hello through node B")).toHaveCount(1);
    await expect(page).toHaveURL(/\/c\/[^/]+$/);
    // Nothing of the socket on B is left trying: one WebSocket is open, the one on A.
    expect(opened.filter((o) => !o.isClosed()).map((o) => new URL(o.url).host)).toEqual([new URL(a).host]);
    await context.close();
  });
});
