// Three server processes on one Postgres and one Redis, as a fault-injection run found them: a
// channel written through several nodes at once still reaches every device in seq order; a retry
// of a message whose node died right after commit is delivered live (and a gap nobody published
// is filled from the database); a burst of discovery calls is spread over the nodes; a node
// stalled past NODE_TIMEOUT_MS registers its devices again; a killed node leaves discovery and
// presence within NODE_TIMEOUT_MS; a node stopping gracefully leaves discovery first.
import { randomBytes, randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Message, PresenceState } from "../../lib/contract/models";
import { freePort, killAll, startProcess } from "../support/app-process";
import { connectTo, type Device, post, user } from "../support/node-client";
import { createTestDatabase, type TestDatabase } from "../support/test-database";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// As in cluster.test.ts: several processes need a shared Postgres and Redis.
const hasServers = Boolean(process.env.DATABASE_URL && process.env.REDIS_URL);

const NODE_TIMEOUT_MS = 3000;
const NODE_HEARTBEAT_MS = 300;
const PRESENCE_GRACE_MS = 1000;
const PRESENCE_SWEEP_MS = 300;

describe.skipIf(!hasServers)("three nodes", () => {
  let db: TestDatabase;
  let sql: pg.Client;
  const nodes: { url: string; proc: ReturnType<typeof startProcess> }[] = [];
  const devices: Device[] = [];

  const connect = (url: string, token: string) => connectTo(devices, url, token);
  const waitFor = async (cond: () => boolean, what: string, ms = 15_000) => {
    const end = Date.now() + ms;
    while (!cond()) {
      if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
      await sleep(20);
    }
  };
  /** Every `message` event of one channel a device receives, in arrival order. */
  const record = (d: Device, channelId: string) => {
    const seqs: number[] = [];
    d.on("message", (m: Message) => m.channelId === channelId && seqs.push(m.seq));
    return seqs;
  };
  const discoverFrom = async (base: string) => ((await (await fetch(`${base}/api/discovery`)).json()) as { url: string }).url;

  beforeAll(async () => {
    db = await createTestDatabase();
    const shared = {
      DATABASE_URL: db.url!,
      REDIS_URL: process.env.REDIS_URL!,
      REDIS_STREAM: `chat-test-${randomBytes(4).toString("hex")}`,
      AUTH_SECRET: randomBytes(32).toString("hex"),
      DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), "chat-cluster-")),
      PRESENCE_GRACE_MS: String(PRESENCE_GRACE_MS),
      PRESENCE_SWEEP_MS: String(PRESENCE_SWEEP_MS),
      NODE_TIMEOUT_MS: String(NODE_TIMEOUT_MS),
      NODE_HEARTBEAT_MS: String(NODE_HEARTBEAT_MS),
      MESSAGE_RATE_LIMIT: "100000",
      SHUTDOWN_DELAY_MS: "1500",
      SIGNUP_MAX_PER_IP: "1000",
    };
    for (let i = 0; i < 3; i++) {
      const port = await freePort();
      const url = `http://127.0.0.1:${port}`;
      // One after the other: the first applies the migrations.
      const proc = startProcess({ ...shared, PORT: String(port), PUBLIC_URL: url });
      await proc.listening;
      nodes.push({ url, proc });
    }
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

  it("delivers a channel written through every node at once in seq order to every device on every node", async () => {
    const base = nodes[0]!.url;
    // Two users per node, each with one device there; all of them send at once.
    const members = [];
    for (let i = 0; i < 6; i++) members.push({ ...(await user(base, `Member${i}`)), node: nodes[i % 3]! });
    const [owner, ...others] = members as [(typeof members)[0], ...typeof members];
    const ch = await post(base, "/api/channels", { kind: "group", name: "busy", memberIds: others.map((m) => m.id) }, owner.token);
    expect(ch.status).toBe(201);
    const channelId = ch.body.channel.id as string;
    const senders = await Promise.all(members.map((m) => connect(m.node.url, m.token)));
    // Listeners that only receive, two on each node.
    const listeners = await Promise.all(members.map((m) => connect(m.node.url, m.token)));
    const received = [...senders, ...listeners].map((d) => record(d, channelId));
    // Every node's gate starts tracking the channel with its first message (a gate that first
    // meets a channel amid a burst may drop a straggler below its first emit: a gap devices fetch).
    const hello = await senders[0]!.timeout(10_000).emitWithAck("message:send", { channelId, clientMsgId: randomUUID(), body: "hello" });
    expect(hello.ok).toBe(true);
    await waitFor(() => received.every((r) => r.length === 1), "the first message everywhere");

    const perSender = 40;
    const inFlight = 4;
    const acks = await Promise.all(
      senders.map(async (d, s) => {
        const seqs: number[] = [];
        for (let i = 0; i < perSender; i += inFlight) {
          const batch = await Promise.all(
            Array.from({ length: Math.min(inFlight, perSender - i) }, (_, k) =>
              d.timeout(20_000).emitWithAck("message:send", { channelId, clientMsgId: randomUUID(), body: `s${s} m${i + k}` }),
            ),
          );
          for (const a of batch) if (a.ok) seqs.push(a.message.seq);
        }
        return seqs;
      }),
    );
    const total = senders.length * perSender + 1;
    expect(acks.flat().length).toBe(total - 1);
    await waitFor(() => received.every((r) => r.length >= total), "every device to receive every message", 60_000).catch((err: Error) => {
      throw new Error(`${err.message}: received ${received.map((r) => r.length).join(", ")} of ${total}`);
    });
    await sleep(300); // anything late (a duplicate) would arrive by now
    const expected = Array.from({ length: total }, (_, i) => i + 1);
    const outOfOrder = received.map((r) => r.filter((seq, i) => i > 0 && seq <= r[i - 1]!).length);
    expect(outOfOrder).toEqual(received.map(() => 0));
    for (const r of received) expect(r).toEqual(expected);
  }, 120_000);

  it("delivers live a retried message that was stored but never published (its node died after commit)", async () => {
    const [a, b, c] = nodes as [(typeof nodes)[0], (typeof nodes)[0], (typeof nodes)[0]];
    const sender = await user(a.url, "Sender");
    const onB = await user(a.url, "Reader");
    const onC = await user(a.url, "Watcher");
    const ch = await post(a.url, "/api/channels", { kind: "group", name: "retry", memberIds: [onB.id, onC.id] }, sender.token);
    const channelId = ch.body.channel.id as string;
    const senderDevice = await connect(a.url, sender.token);
    const got = [record(await connect(b.url, onB.token), channelId), record(await connect(c.url, onC.token), channelId)];
    const first = await senderDevice.timeout(10_000).emitWithAck("message:send", { channelId, clientMsgId: randomUUID(), body: "first" });
    expect(first.ok && first.message.seq).toBe(1);
    await waitFor(() => got.every((g) => g.length === 1), "the first message");

    // What a node that dies right after its commit leaves behind: the message is stored, nobody heard of it.
    const storeUnpublished = (clientMsgId: string) =>
      sql.query(
        `WITH ch AS (UPDATE "Channel" SET "lastSeq" = "lastSeq" + 1, version = version + 1 WHERE id = $1 RETURNING "lastSeq", version)
         INSERT INTO "Message" ("channelId", seq, "senderId", body, "clientMsgId", "createdAt", version)
         SELECT $1, ch."lastSeq", $2, 'stored before the crash', $3, now(), ch.version FROM ch`,
        [channelId, sender.id, clientMsgId],
      );
    const clientMsgId = randomUUID();
    await storeUnpublished(clientMsgId);
    await sleep(300);
    expect(got).toEqual([[1], [1]]);
    // The sender never got its ack and retries, through another node.
    const retryDevice = await connect(b.url, sender.token);
    const retry = await retryDevice.timeout(10_000).emitWithAck("message:send", { channelId, clientMsgId, body: "stored before the crash" });
    expect(retry.ok && retry.message.seq).toBe(2);
    await waitFor(() => got.every((g) => g.length === 2), "the retried message, live, on the other nodes");
    // A second retry changes nothing on devices that already have it.
    await retryDevice.timeout(10_000).emitWithAck("message:send", { channelId, clientMsgId, body: "stored before the crash" });
    await sleep(500);
    expect(got).toEqual([
      [1, 2],
      [1, 2],
    ]);
    // Another one nobody heard of, never retried: the next message's gates fill the gap from the database.
    await storeUnpublished(randomUUID());
    const fourth = await senderDevice.timeout(10_000).emitWithAck("message:send", { channelId, clientMsgId: randomUUID(), body: "fourth" });
    expect(fourth.ok && fourth.message.seq).toBe(4);
    await waitFor(() => got.every((g) => g.length === 4), "the unpublished message and the next one");
    expect(got).toEqual([
      [1, 2, 3, 4],
      [1, 2, 3, 4],
    ]);
  });

  it("spreads a burst of discovery calls over the nodes", async () => {
    // Let every node report its connections, so the burst starts from known load figures.
    await sleep(3 * NODE_HEARTBEAT_MS);
    const answers = await Promise.all(Array.from({ length: 30 }, (_, i) => discoverFrom(nodes[i % 3]!.url)));
    const counts = nodes.map((n) => answers.filter((u) => u === n.url).length);
    expect(counts.reduce((x, y) => x + y, 0)).toBe(30);
    expect(Math.max(...counts)).toBeLessThanOrEqual(16);
    expect(Math.min(...counts)).toBeGreaterThan(0);
  });

  it("a node stalled past NODE_TIMEOUT_MS counts as dead, and registers its devices again when it resumes", async () => {
    const [a, b] = nodes as [(typeof nodes)[0], (typeof nodes)[0]];
    const sleeper = await user(a.url, "Sleeper");
    const friend = await user(a.url, "Friend");
    const ch = await post(a.url, "/api/channels", { kind: "direct", memberIds: [friend.id] }, sleeper.token);
    const friendOnA = await connect(a.url, friend.token);
    const presence: PresenceState[] = [];
    friendOnA.on("presence", (p) => presence.push(p));
    const sleeperOnB = await connect(b.url, sleeper.token);
    const got = record(sleeperOnB, ch.body.channel.id);
    await waitFor(() => presence.some((p) => p.userId === sleeper.id && p.online), "online");

    const seen = presence.length; // the friend's device was told at connect that the sleeper was offline

    b.proc.child.kill("SIGSTOP");
    try {
      await waitFor(() => presence.slice(seen).some((p) => p.userId === sleeper.id && !p.online), "offline while the node is stalled");
    } finally {
      b.proc.child.kill("SIGCONT");
    }
    const offlineAt = presence.length;
    // The socket stayed open through the stall (well within Socket.IO's ping timeout).
    await waitFor(() => presence.slice(offlineAt).some((p) => p.userId === sleeper.id && p.online), "online again after the node resumed");
    expect(sleeperOnB.connected).toBe(true);
    const sent = await friendOnA.timeout(10_000).emitWithAck("message:send", { channelId: ch.body.channel.id, clientMsgId: randomUUID(), body: "welcome back" });
    expect(sent.ok).toBe(true);
    await waitFor(() => got.length === 1, "a message to the resumed node's device");
  });

  it("a node killed with SIGKILL leaves discovery and presence within NODE_TIMEOUT_MS", async () => {
    const [a, , c] = nodes as [(typeof nodes)[0], (typeof nodes)[0], (typeof nodes)[0]];
    const doomed = await user(a.url, "Doomed");
    const friend = await user(a.url, "Friend");
    await post(a.url, "/api/channels", { kind: "direct", memberIds: [friend.id] }, doomed.token);
    const friendOnA = await connect(a.url, friend.token);
    const presence: (PresenceState & { at: number })[] = [];
    friendOnA.on("presence", (p) => presence.push({ ...p, at: Date.now() }));
    await connect(c.url, doomed.token);
    await waitFor(() => presence.some((p) => p.userId === doomed.id && p.online), "online");
    const seen = presence.length; // the friend's device was told at connect that Doomed was offline

    c.proc.child.kill("SIGKILL");
    await c.proc.exited;
    const killedAt = Date.now();
    // Discovery stops naming the dead node once its heartbeat is older than NODE_TIMEOUT_MS.
    let lastNamed = killedAt;
    while (Date.now() < killedAt + NODE_TIMEOUT_MS + 3000) {
      const named = await Promise.all([discoverFrom(a.url), discoverFrom(nodes[1]!.url)]);
      if (named.includes(c.url)) lastNamed = Date.now();
      await sleep(100);
    }
    expect(lastNamed - killedAt).toBeLessThan(NODE_TIMEOUT_MS + 1000);
    // Its user is announced offline after the grace period counted from when the node was last heard of.
    const offline = () => presence.slice(seen).find((p) => p.userId === doomed.id && !p.online);
    await waitFor(() => offline() !== undefined, "offline after the node died", 15_000);
    const offlineAt = offline()!.at;
    expect(offlineAt - killedAt).toBeLessThan(NODE_TIMEOUT_MS + PRESENCE_GRACE_MS + 2000);
  });

  it("a node stopping gracefully leaves discovery first, while it still serves its clients", async () => {
    const [a, b] = nodes as [(typeof nodes)[0], (typeof nodes)[0]];
    const stayer = await user(a.url, "Stayer");
    const device = await connect(b.url, stayer.token);
    // Both nodes are handed out while both run.
    await sleep(3 * NODE_HEARTBEAT_MS);
    const before = await Promise.all(Array.from({ length: 10 }, () => discoverFrom(a.url)));
    expect(before).toContain(b.url);
    b.proc.child.kill("SIGTERM");
    await sleep(300);
    const named = await Promise.all(Array.from({ length: 10 }, () => discoverFrom(a.url)));
    expect(named.filter((u) => u === b.url)).toEqual([]);
    // Still serving through SHUTDOWN_DELAY_MS: its device is connected until then.
    expect(device.connected).toBe(true);
    expect(await b.proc.exited).toBe(0);
  });
});
