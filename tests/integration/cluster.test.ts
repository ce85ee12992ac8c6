// Two server processes on one Postgres and one Redis: events cross nodes, discovery spreads
// clients, and killing a node loses nothing that was acknowledged.
import { randomBytes, randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PresenceState } from "../../lib/contract/models";
import type { Message } from "../../lib/contract/models";
import { freePort, killAll, startProcess } from "../support/app-process";
import { connectTo, type Device, post, user } from "../support/node-client";
import { createTestDatabase, type TestDatabase } from "../support/test-database";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// Several processes need a shared Postgres and Redis: CI provides both (.ci/run exports
// DATABASE_URL and REDIS_URL). The embedded database is one process's own, so without them
// there is no cluster to test.
const hasServers = Boolean(process.env.DATABASE_URL && process.env.REDIS_URL);

describe.skipIf(!hasServers)("two nodes", () => {
  let db: TestDatabase;
  const nodes: { url: string; proc: ReturnType<typeof startProcess> }[] = [];
  const devices: Device[] = [];
  let alice: { id: string; token: string }, bob: { id: string; token: string };

  const connect = (url: string, token: string) => connectTo(devices, url, token);
  const waitFor = async (cond: () => boolean, what: string, ms = 10_000) => {
    const end = Date.now() + ms;
    while (!cond()) {
      if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
      await sleep(20);
    }
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    const shared = {
      DATABASE_URL: db.url!,
      REDIS_URL: process.env.REDIS_URL!,
      REDIS_STREAM: `chat-test-${randomBytes(4).toString("hex")}`,
      AUTH_SECRET: randomBytes(32).toString("hex"),
      DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), "chat-cluster-")),
      PRESENCE_GRACE_MS: "1000",
      PRESENCE_SWEEP_MS: "300",
      NODE_TIMEOUT_MS: "3000",
      NODE_HEARTBEAT_MS: "300",
    };
    for (let i = 0; i < 2; i++) {
      const port = await freePort();
      const url = `http://127.0.0.1:${port}`;
      // One after the other: the first applies the migrations.
      const proc = startProcess({ ...shared, PORT: String(port), PUBLIC_URL: url });
      await proc.listening;
      nodes.push({ url, proc });
    }
    alice = await user(nodes[0]!.url, "Alice");
    bob = await user(nodes[1]!.url, "Bob");
  });
  afterAll(async () => {
    devices.forEach((d) => d.disconnect());
    killAll();
    await sleep(200);
    await db?.drop();
  });

  it("delivers messages, channel events and presence across nodes", async () => {
    const [a, b] = nodes as [(typeof nodes)[0], (typeof nodes)[0]];
    const bobOnB = await connect(b.url, bob.token);
    const channels: unknown[] = [];
    bobOnB.on("channel", (c) => channels.push(c));
    const presence: PresenceState[] = [];
    bobOnB.on("presence", (p) => presence.push(p));
    // Created through node A: Bob's device on node B joins the room and hears of it.
    const ch = await post(a.url, "/api/channels", { kind: "direct", memberIds: [bob.id] }, alice.token);
    expect(ch.status).toBe(201);
    await waitFor(() => channels.length === 1, "channel event on the other node");
    const aliceOnA = await connect(a.url, alice.token);
    await waitFor(() => presence.some((p) => p.userId === alice.id && p.online), "presence across nodes");
    const got: Message[] = [];
    bobOnB.on("message", (m) => got.push(m));
    const acks = [];
    for (let i = 0; i < 20; i++) {
      acks.push(await aliceOnA.timeout(10_000).emitWithAck("message:send", { channelId: ch.body.channel.id, clientMsgId: randomUUID(), body: `m${i}` }));
    }
    expect(acks.every((x) => x.ok)).toBe(true);
    await waitFor(() => got.length === 20, "20 messages across nodes");
    expect(got.map((m) => m.seq)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
  });

  it("sends new clients to the least loaded node", async () => {
    const [a, b] = nodes as [(typeof nodes)[0], (typeof nodes)[0]];
    for (let i = 0; i < 3; i++) await connect(a.url, alice.token);
    await sleep(700); // a heartbeat of each node
    const where = await (await fetch(`${a.url}/api/discovery`)).json();
    expect(where).toEqual({ url: b.url });
  });

  it("loses nothing acknowledged when a node is killed; clients move to the other node and sync", async () => {
    const [a, b] = nodes as [(typeof nodes)[0], (typeof nodes)[0]];
    const ch = await post(b.url, "/api/channels", { kind: "group", name: "survivors", memberIds: [bob.id] }, alice.token);
    const aliceOnA = await connect(a.url, alice.token);
    const bobOnB = await connect(b.url, bob.token);
    const presence: PresenceState[] = [];
    bobOnB.on("presence", (p) => presence.push(p));
    let acked = 0;
    for (let i = 0; i < 30; i++) {
      const r = await aliceOnA.timeout(10_000).emitWithAck("message:send", { channelId: ch.body.channel.id, clientMsgId: `kill-${i}`, body: `before kill ${i}` });
      if (r.ok) acked = r.message.seq;
    }
    expect(acked).toBe(30);
    a.proc.child.kill("SIGKILL");
    await a.proc.exited;
    // Discovery stops offering the dead node once its heartbeat is stale.
    await sleep(3500);
    expect(await (await fetch(`${b.url}/api/discovery`)).json()).toEqual({ url: b.url });
    // Alice's devices on the dead node never said goodbye: after the node timeout she is offline.
    await waitFor(() => presence.some((p) => p.userId === alice.id && !p.online), "offline after the node died", 10_000);
    const again = await connect(b.url, alice.token);
    const sync = await again.timeout(10_000).emitWithAck("sync", { cursors: { [ch.body.channel.id]: 0 } });
    expect(sync.ok).toBe(true);
    if (!sync.ok) return;
    const seqs = sync.messages.filter((m: Message) => m.channelId === ch.body.channel.id).map((m: Message) => m.seq);
    expect(seqs).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    // A retry of an acknowledged send (its ack lost with the node) stores nothing new.
    const retry = await again.timeout(10_000).emitWithAck("message:send", { channelId: ch.body.channel.id, clientMsgId: "kill-29", body: "before kill 29" });
    expect(retry.ok && retry.message.seq).toBe(30);
  });
});
