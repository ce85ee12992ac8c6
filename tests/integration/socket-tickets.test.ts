// Two server processes, as a browser meets them when discovery names a node by its own address:
// the page's cookie belongs to node A's host, so the socket on node B authenticates with a socket
// ticket fetched from A (POST /api/socket-ticket). A ticket opens a socket on the other node; a
// forged, expired or ended-session ticket is refused; ending the session closes the ticket's
// socket; a ticket is no bearer token on HTTP; only A's own pages (or CORS_ORIGINS) get one.
// And discovery stops naming a killed node as soon as its heartbeat is late, long before
// NODE_TIMEOUT_MS (set very long here, so that only the probe can explain it).
import { randomBytes, randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { io, type Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ClientToServerEvents, ServerToClientEvents } from "../../lib/contract/events";
import type { Message } from "../../lib/contract/models";
import { issueSocketTicket } from "../../server/auth/socket-ticket";
import { freePort, killAll, startProcess } from "../support/app-process";
import { browserLogin } from "../support/session-cookie";
import { createTestDatabase, type TestDatabase } from "../support/test-database";

type Device = Socket<ServerToClientEvents, ClientToServerEvents>;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const hasServers = Boolean(process.env.DATABASE_URL && process.env.REDIS_URL);

const NODE_HEARTBEAT_MS = 300;
// Far longer than the test waits: a dead node leaves discovery within it only through the probe.
const NODE_TIMEOUT_MS = 60_000;

describe.skipIf(!hasServers)("socket tickets across two nodes", () => {
  let db: TestDatabase;
  let sql: pg.Client;
  const AUTH_SECRET = randomBytes(32).toString("hex");
  let a = "";
  let b = "";
  let nodeB: ReturnType<typeof startProcess>;
  const devices: Device[] = [];

  const call = async (base: string, method: string, p: string, opts: { body?: unknown; token?: string; cookie?: string; origin?: string } = {}) => {
    const r = await fetch(base + p, {
      method,
      headers: {
        ...(opts.body !== undefined ? { "content-type": "application/json" } : {}),
        ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
        ...(opts.cookie ? { cookie: opts.cookie } : {}),
        ...(opts.origin ? { origin: opts.origin } : {}),
      },
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
    });
    return { status: r.status, body: r.status === 204 ? null : ((await r.json()) as any) };
  };
  /** A user with a browser session (cookie, from node A) and a bearer token. */
  const user = async (name: string) => {
    const email = `${name.toLowerCase()}.${randomBytes(3).toString("hex")}@tickets.test`;
    const u = await call(a, "POST", "/api/users", { body: { email, name, password: "password1" } });
    const t = await call(a, "POST", "/api/tokens", { body: { email, password: "password1" } });
    const cookie = await browserLogin({ url: a }, email, "password1");
    expect(cookie).toBeTruthy();
    return { id: u.body.user.id as string, token: t.body.token as string, cookie: cookie! };
  };
  const ticketFor = async (cookie: string) => {
    const r = await call(a, "POST", "/api/socket-ticket", { cookie, origin: a });
    expect(r.status).toBe(200);
    return r.body.ticket as string;
  };
  /** A socket as the page on A opens it on `url`: A's Origin, no cookie, `auth`. */
  const open = (url: string, auth: Record<string, unknown>, headers: Record<string, string> = {}) =>
    new Promise<Device>((resolve, reject) => {
      const s: Device = io(url, { auth, transports: ["websocket"], reconnection: false, forceNew: true, extraHeaders: { origin: a, ...headers } });
      devices.push(s);
      s.once("connect", () => resolve(s));
      s.once("connect_error", reject);
    });
  const refusal = (url: string, auth: Record<string, unknown>, headers: Record<string, string> = {}) =>
    open(url, auth, headers).then(
      () => "connected",
      (err: Error) => err.message,
    );
  const waitFor = async (cond: () => boolean, what: string, ms = 15_000) => {
    const end = Date.now() + ms;
    while (!cond()) {
      if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
      await sleep(20);
    }
  };
  const sessionIdOf = async (u: { cookie: string }) => {
    const r = await call(a, "GET", "/api/me/sessions", { cookie: u.cookie });
    return (r.body.sessions as { id: string; current: boolean }[]).find((x) => x.current)!.id;
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    const [portA, portB] = [await freePort(), await freePort()];
    a = `http://localhost:${portA}`;
    // Another host than the page's: the browser would send it no cookie of `localhost`.
    b = `http://127.0.0.1:${portB}`;
    const shared = {
      DATABASE_URL: db.url!,
      REDIS_URL: process.env.REDIS_URL!,
      REDIS_STREAM: `chat-test-${randomBytes(4).toString("hex")}`,
      AUTH_SECRET,
      DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), "chat-tickets-")),
      NODE_TIMEOUT_MS: String(NODE_TIMEOUT_MS),
      NODE_HEARTBEAT_MS: String(NODE_HEARTBEAT_MS),
      SIGNUP_MAX_PER_IP: "1000",
      CORS_ORIGINS: `${a},${b}`,
    };
    // One after the other: the first applies the migrations.
    await startProcess({ ...shared, PORT: String(portA), PUBLIC_URL: a }).listening;
    nodeB = startProcess({ ...shared, PORT: String(portB), PUBLIC_URL: b });
    await nodeB.listening;
    sql = new pg.Client({ connectionString: db.url });
    await sql.connect();
  });
  afterAll(async () => {
    devices.forEach((d) => d.disconnect());
    await sql?.end();
    killAll();
    await sleep(200);
    await db?.drop();
  });

  it("a ticket from node A opens a socket on node B that receives the user's events, and needs no cookie", async () => {
    const reader = await user("Reader");
    const writer = await user("Writer");
    const ch = await call(a, "POST", "/api/channels", { token: writer.token, body: { kind: "direct", memberIds: [reader.id] } });
    const channelId = ch.body.channel.id as string;
    // Without a ticket, B has no way to know who this is (the cookie stays with A's host).
    expect(await refusal(b, {})).toBe("unauthenticated");

    const ticket = await ticketFor(reader.cookie);
    expect(ticket.startsWith("st1.")).toBe(true);
    const onB = await open(b, { ticket });
    const got: Message[] = [];
    onB.on("message", (m) => got.push(m));
    const sent = await (await open(a, { token: writer.token })).timeout(10_000).emitWithAck("message:send", { channelId, clientMsgId: randomUUID(), body: "across nodes" });
    expect(sent.ok).toBe(true);
    await waitFor(() => got.length === 1, "the message on node B");
    expect(got[0]!.body).toBe("across nodes");
    // It acts as the reader: its own send is the reader's.
    const own = await onB.timeout(10_000).emitWithAck("message:send", { channelId, clientMsgId: randomUUID(), body: "from B" });
    expect(own.ok && own.message.senderId).toBe(reader.id);
    // A ticket may come from any page (like a token): only A's own pages can get one.
    await open(b, { ticket }, { origin: "https://elsewhere.example" });
  });

  it("polling from A's page to B is allowed by CORS when CORS_ORIGINS lists A", async () => {
    const r = await fetch(`${b}/socket.io/?EIO=4&transport=polling`, { headers: { origin: a } });
    expect(r.status).toBe(200);
    expect(r.headers.get("access-control-allow-origin")).toBe(a);
  });

  it("refuses a forged, an expired, another secret's and an unknown session's ticket with `unauthenticated`", async () => {
    const u = await user("Forger");
    const sessionId = await sessionIdOf(u);
    const good = await ticketFor(u.cookie);
    const [, payload, sig] = good.split(".");
    const other = await user("Victim");
    const claimsOf = (userId: string) => Buffer.from(JSON.stringify({ u: userId, s: sessionId, e: Date.now() + 60_000 })).toString("base64url");
    expect(await refusal(b, { ticket: `st1.${claimsOf(other.id)}.${sig}` })).toBe("unauthenticated");
    expect(await refusal(b, { ticket: `st1.${payload}.${sig!.slice(0, -2)}AA` })).toBe("unauthenticated");
    expect(await refusal(b, { ticket: issueSocketTicket(AUTH_SECRET, { userId: u.id, sessionId }, Date.now() - 61_000).ticket })).toBe("unauthenticated");
    expect(await refusal(b, { ticket: issueSocketTicket(randomBytes(32).toString("hex"), { userId: u.id, sessionId }).ticket })).toBe("unauthenticated");
    // Well signed, but the session named is not this user's, or is none at all.
    expect(await refusal(b, { ticket: issueSocketTicket(AUTH_SECRET, { userId: other.id, sessionId }).ticket })).toBe("unauthenticated");
    expect(await refusal(b, { ticket: issueSocketTicket(AUTH_SECRET, { userId: u.id, sessionId: randomUUID() }).ticket })).toBe("unauthenticated");
    expect(await refusal(b, { ticket: 42 })).toBe("unauthenticated");
    // A bogus ticket does not fall back to the cookie.
    expect(await refusal(a, { ticket: "st1.x.y" }, { cookie: u.cookie })).toBe("unauthenticated");
    // The genuine one still works.
    expect(await refusal(b, { ticket: good })).toBe("connected");
  });

  it("ending the session closes its ticket socket on the other node, and its tickets stop working", async () => {
    const u = await user("Leaver");
    const ticket = await ticketFor(u.cookie);
    const spare = await ticketFor(u.cookie);
    const onB = await open(b, { ticket });
    const closed = new Promise<string>((r) => onB.once("disconnect", r));
    const sessionId = await sessionIdOf(u);
    expect((await call(a, "DELETE", `/api/me/sessions/${sessionId}`, { token: u.token })).status).toBe(204);
    expect(await closed).toBe("io server disconnect");
    expect(await refusal(b, { ticket: spare })).toBe("unauthenticated");
    expect((await call(a, "POST", "/api/socket-ticket", { cookie: u.cookie, origin: a })).status).toBe(401);
  });

  it("a ticket is not a bearer token on HTTP; tickets go only to a browser session on the app's own pages", async () => {
    const u = await user("Holder");
    const ticket = await ticketFor(u.cookie);
    expect((await call(a, "GET", "/api/me", { token: ticket })).status).toBe(401);
    expect((await call(b, "GET", "/api/channels", { token: ticket })).status).toBe(401);
    expect((await call(a, "POST", "/api/socket-ticket", { token: ticket })).status).toBe(401);
    // Nor a cookie of any name.
    expect((await call(a, "GET", "/api/me", { cookie: `authjs.session-token=${ticket}` })).status).toBe(401);
    // A foreign page cannot turn the cookie into a ticket; a token cannot either (it needs none).
    const foreign = await call(a, "POST", "/api/socket-ticket", { cookie: u.cookie, origin: "https://evil.example" });
    expect(foreign.status).toBe(403);
    expect(foreign.body.error.code).toBe("forbidden");
    expect((await call(a, "POST", "/api/socket-ticket", { token: u.token })).status).toBe(403);
    expect((await call(a, "GET", "/api/socket-ticket", { cookie: u.cookie })).status).toBe(405);
    // And the cookie handshake still refuses a foreign Origin.
    expect(await refusal(a, {}, { cookie: u.cookie, origin: "https://evil.example" })).toBe("forbidden");
    expect(await refusal(a, {}, { cookie: u.cookie })).toBe("connected");
  });

  it("discovery stops naming a killed node once its heartbeat is late (its /healthz does not answer), keeping the counts", async () => {
    const discoverFrom = async () => ((await (await fetch(`${a}/api/discovery`)).json()) as { url: string }).url;
    const assigned = async () =>
      (await sql.query<{ n: number }>(`SELECT "assignedRecent" + "assignedPrior" AS n FROM "ChatNode" WHERE url = $1`, [b])).rows[0]!.n;
    await sleep(3 * NODE_HEARTBEAT_MS);
    const before = await Promise.all(Array.from({ length: 10 }, () => discoverFrom()));
    expect(before).toContain(b);

    nodeB.child.kill("SIGKILL");
    await nodeB.exited;
    const killedAt = Date.now();
    const countAtKill = await assigned();
    const answers: { at: number; url: string }[] = [];
    while (Date.now() < killedAt + 4000) {
      answers.push({ at: Date.now() - killedAt, url: await discoverFrom() });
      await sleep(50);
    }
    const named = answers.filter((x) => x.url === b);
    const lastNamed = named.at(-1)?.at ?? 0;
    console.log(
      `discovery after SIGKILL (heartbeat ${NODE_HEARTBEAT_MS} ms, timeout ${NODE_TIMEOUT_MS} ms): the dead node named ${named.length} of ${answers.length} times, last ${lastNamed} ms after the kill`,
    );
    // Without the probe it would be named until NODE_TIMEOUT_MS (60 s): not in the last 2 s here.
    expect(answers.filter((x) => x.at > 2000 && x.url === b)).toEqual([]);
    expect(answers.at(-1)!.url).toBe(a);
    // The hand-outs that were taken back left the dead node's count where the kill left it (plus
    // those handed out before it looked late).
    expect(await assigned()).toBe(countAtKill + named.length);
  });
});
