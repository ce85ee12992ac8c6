// Limits on the realtime side: per-connection event budgets (a flood is refused, reaches nobody,
// and ends in a disconnect), connections per user across nodes, and the per-user message rate
// shared by every process on the same database (or Redis).
import { randomBytes, randomUUID } from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { EVENT_BUDGETS } from "../../server/realtime/event-budgets";
import {
  api,
  call,
  type ClientSocket,
  closeAllDevices,
  connectDevice,
  record,
  signUp,
  startTestServer,
  type TestServer,
  type TestUser,
  waitFor,
} from "../support/test-server";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("per-connection event budgets", () => {
  let srv: TestServer;
  let ann: TestUser, bea: TestUser;
  let channelId: string;
  beforeAll(async () => {
    srv = await startTestServer();
    [ann, bea] = (await Promise.all([signUp(srv, "Ann"), signUp(srv, "Bea")])) as [TestUser, TestUser];
    channelId = (await api(srv, "POST", "/api/channels", { token: ann.token, body: { kind: "direct", memberIds: [bea.id] } })).body.channel.id;
  });
  afterAll(() => srv?.stop());
  afterEach(() => closeAllDevices());

  it("refuses a typing flood past the budget, broadcasts none of the refused, then disconnects the flooder", async () => {
    const flooder = await connectDevice(srv, { token: ann.token });
    const other = await connectDevice(srv, { token: bea.token });
    const seen = record(other, "typing");
    // One after the other: typing is published volatile, and a burst may drop some on the way out.
    const acks = [];
    const started = Date.now();
    for (let i = 0; i < 30; i++) acks.push(await call(flooder, "typing", { channelId }));
    const ok = acks.filter((a) => a.ok).length;
    expect(ok).toBeGreaterThan(0);
    // The burst (10), and one more per second the flood took (the steady rate).
    expect(ok).toBeLessThanOrEqual(10 + Math.ceil((Date.now() - started) / 1000));
    expect(acks.length - ok).toBeGreaterThanOrEqual(10);
    expect(acks.filter((a) => !a.ok).every((a) => a.error.code === "rate_limited")).toBe(true);
    await sleep(300);
    expect(seen.length).toBe(ok);
    expect(flooder.connected).toBe(true);

    // Continued abuse: the connection is closed by the server.
    const closed = new Promise<string>((r) => flooder.once("disconnect", r));
    for (let i = 0; i < 10; i++) flooder.emit("typing", { channelId }, () => {});
    expect(await closed).toBe("io server disconnect");
    await sleep(200);
    // Only what the budget allowed ever reached the other member.
    expect(seen.length).toBeLessThanOrEqual(10 + Math.ceil((Date.now() - started) / 1000));
    // Other connections and events are unaffected.
    expect(other.connected).toBe(true);
    expect((await call(other, "typing", { channelId })).ok).toBe(true);
  });

  it("gives each connection its own budget", async () => {
    const a = await connectDevice(srv, { token: ann.token });
    const b = await connectDevice(srv, { token: ann.token });
    const { burst } = EVENT_BUDGETS.heartbeat!;
    const heartbeats = (s: ClientSocket) => Promise.all(Array.from({ length: burst + 3 }, () => call(s, "heartbeat", {})));
    const [fromA, fromB] = [await heartbeats(a), await heartbeats(b)];
    expect(fromA.filter((x) => x.ok).length).toBe(burst);
    expect(fromB.filter((x) => x.ok).length).toBe(burst);
    expect(fromA.at(-1).error.code).toBe("rate_limited");
  });
});

describe("connections per user", () => {
  let srv: TestServer;
  beforeAll(async () => {
    srv = await startTestServer({ MAX_CONNECTIONS_PER_USER: "3" });
  });
  afterAll(() => srv?.stop());
  afterEach(() => closeAllDevices());

  it("refuses the handshake past the limit with rate_limited, and admits again after a disconnect", async () => {
    const u = await signUp(srv, "Many");
    const devices = [];
    for (let i = 0; i < 3; i++) devices.push(await connectDevice(srv, { token: u.token }));
    await expect(connectDevice(srv, { token: u.token })).rejects.toThrow("rate_limited");
    // Another user is not affected.
    const other = await signUp(srv, "Other");
    await connectDevice(srv, { token: other.token });
    devices[0]!.disconnect();
    await sleep(100);
    await connectDevice(srv, { token: u.token });
  });

  it("refuses a burst of simultaneous handshakes past the limit", async () => {
    const u = await signUp(srv, "Burst");
    const tries = await Promise.allSettled(Array.from({ length: 8 }, () => connectDevice(srv, { token: u.token })));
    expect(tries.filter((t) => t.status === "fulfilled").length).toBe(3);
  });

  it("counts connections held on other nodes (their rows in Postgres), not those of dead nodes", async () => {
    const u = await signUp(srv, "Spread");
    const { db } = srv.app.services;
    // A live node (heard from just now) and a crashed one (silent for an hour).
    await db.chatNode.createMany({
      data: [
        { id: `another-node-${u.id}`, url: null },
        { id: `dead-node-${u.id}`, url: null, updatedAt: new Date(Date.now() - 3600_000) },
      ],
    });
    await db.deviceConnection.createMany({
      data: [
        { socketId: `elsewhere-1-${u.id}`, userId: u.id, nodeId: `another-node-${u.id}` },
        { socketId: `elsewhere-2-${u.id}`, userId: u.id, nodeId: `another-node-${u.id}` },
        // A crashed node's device: not a live connection.
        { socketId: `dead-${u.id}`, userId: u.id, nodeId: `dead-node-${u.id}` },
      ],
    });
    await connectDevice(srv, { token: u.token });
    await expect(connectDevice(srv, { token: u.token })).rejects.toThrow("rate_limited");
  });
});

describe("the message rate limit across processes", () => {
  const hasPostgres = Boolean(process.env.DATABASE_URL);
  const hasRedis = hasPostgres && Boolean(process.env.REDIS_URL);
  afterEach(() => closeAllDevices());

  async function twoAppsOneDatabase(extra: Record<string, string>) {
    const limits = { MESSAGE_RATE_LIMIT: "5", MESSAGE_RATE_WINDOW_SECONDS: "60", ...extra };
    const one = await startTestServer(limits);
    const two = await startTestServer({ ...limits, DATABASE_URL: one.app.services.config.DATABASE_URL! });
    return { one, two };
  }

  async function sendThroughBoth(one: TestServer, two: TestServer) {
    const x = await signUp(one, "Xavier");
    const y = await signUp(one, "Yara");
    const ch = (await api(one, "POST", "/api/channels", { token: x.token, body: { kind: "direct", memberIds: [y.id] } })).body.channel.id;
    const [a, b] = [await connectDevice(one, { token: x.token }), await connectDevice(two, { token: x.token })];
    const acks = [];
    for (const dev of [a, a, a, b, b, b]) acks.push(await call(dev, "message:send", { channelId: ch, clientMsgId: randomUUID(), body: "hi" }));
    return acks.map((k) => (k.ok ? "ok" : k.error.code));
  }

  it.runIf(hasPostgres)("holds for two apps on the same Postgres", async () => {
    const { one, two } = await twoAppsOneDatabase({});
    try {
      expect(await sendThroughBoth(one, two)).toEqual(["ok", "ok", "ok", "ok", "ok", "rate_limited"]);
    } finally {
      await two.stop();
      await one.stop();
    }
  });

  it.runIf(hasRedis)("holds for two apps sharing Redis", async () => {
    const { one, two } = await twoAppsOneDatabase({ REDIS_URL: process.env.REDIS_URL!, REDIS_STREAM: `chat-test-${randomBytes(4).toString("hex")}` });
    try {
      expect(await sendThroughBoth(one, two)).toEqual(["ok", "ok", "ok", "ok", "ok", "rate_limited"]);
      // The counters are in Redis, not in the database.
      expect(await one.app.services.db.$queryRawUnsafe<unknown[]>(`SELECT 1 FROM "RateLimit" WHERE key LIKE 'send:%'`)).toEqual([]);
    } finally {
      await two.stop();
      await one.stop();
    }
  });
});
