// Ending a credential on one node closes its sockets on the other (the end crosses nodes through
// the Socket.IO Redis Streams adapter), within 2 s of the HTTP answer.
import { randomBytes, randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { freePort, killAll, startProcess } from "../support/app-process";
import {
  type Auth,
  closeDevices,
  expectClosedWithin2s,
  expectRefused,
  openDevice,
  sleep,
  watch,
  type Watched,
} from "../support/ended-sockets";
import { browserLogin, browserLogout } from "../support/session-cookie";
import { createTestDatabase, type TestDatabase } from "../support/test-database";

// As in cluster.test.ts: several processes need a shared Postgres and Redis.
const hasServers = Boolean(process.env.DATABASE_URL && process.env.REDIS_URL);
const PASSWORD = "password1";

describe.skipIf(!hasServers)("ending a credential on one node closes its sockets on another", () => {
  let db: TestDatabase;
  let a: string;
  let b: string;

  const http = async (method: string, url: string, opts: { token?: string; cookie?: string; body?: unknown } = {}) => {
    const r = await fetch(url, {
      method,
      headers: {
        ...(opts.body === undefined ? {} : { "content-type": "application/json" }),
        ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
        ...(opts.cookie ? { cookie: opts.cookie } : {}),
      },
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
    });
    const text = await r.text();
    return { status: r.status, body: text ? JSON.parse(text) : undefined };
  };
  const newToken = async (email: string) => (await http("POST", `${a}/api/tokens`, { body: { email, password: PASSWORD } })).body.token as string;

  /** A user (on node A) with a peer whose device on node A sends into their direct channel. */
  async function withPeer(name: string) {
    const email = `${name.toLowerCase()}.${randomBytes(3).toString("hex")}@cluster.test`;
    const me = await http("POST", `${a}/api/users`, { body: { email, name, password: PASSWORD } });
    const token = await newToken(email);
    const peerEmail = `peer.${email}`;
    const peer = await http("POST", `${a}/api/users`, { body: { email: peerEmail, name: `${name} peer`, password: PASSWORD } });
    const peerToken = await newToken(peerEmail);
    const ch = await http("POST", `${a}/api/channels`, { token: peerToken, body: { kind: "direct", memberIds: [me.body.user.id] } });
    expect(ch.status).toBe(201);
    expect(peer.status).toBe(201);
    const peerDevice = await openDevice(a, { token: peerToken });
    const say = async (body: string) => {
      const ack = await peerDevice.timeout(10_000).emitWithAck("message:send", { channelId: ch.body.channel.id, clientMsgId: randomUUID(), body });
      expect(ack.ok).toBe(true);
    };
    const cookie = (await browserLogin({ url: a }, email, PASSWORD))!;
    expect(cookie).toBeTruthy();
    return { email, token, cookie, say };
  }

  async function expectEnded(ended: { w: Watched; auth: Auth }[], answeredAt: number, say: (b: string) => Promise<void>, kept: Watched[] = []) {
    for (const e of ended) await expectClosedWithin2s(e.w, answeredAt);
    const later = `after the end ${randomUUID()}`;
    await say(later);
    const end = Date.now() + 5000;
    while (!kept.every((k) => k.messages.some((m) => m.body === later)) && Date.now() < end) await sleep(20);
    await sleep(200);
    for (const k of kept) expect(k.messages.some((m) => m.body === later)).toBe(true);
    for (const e of ended) expect(e.w.messages.some((m) => m.body === later)).toBe(false);
    for (const e of ended) await expectRefused(b, e.auth);
  }

  beforeAll(async () => {
    db = await createTestDatabase();
    const shared = {
      DATABASE_URL: db.url!,
      REDIS_URL: process.env.REDIS_URL!,
      REDIS_STREAM: `chat-test-${randomBytes(4).toString("hex")}`,
      AUTH_SECRET: randomBytes(32).toString("hex"),
      DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), "chat-sessions-")),
    };
    const urls: string[] = [];
    for (let i = 0; i < 2; i++) {
      const port = await freePort();
      const url = `http://127.0.0.1:${port}`;
      // One after the other: the first applies the migrations.
      await startProcess({ ...shared, PORT: String(port), PUBLIC_URL: url }).listening;
      urls.push(url);
    }
    [a, b] = urls as [string, string];
  });
  afterEach(() => closeDevices());
  afterAll(async () => {
    closeDevices();
    killAll();
    await sleep(200);
    await db?.drop();
  });

  it("log out everywhere", async () => {
    const { token, cookie, say } = await withPeer("Everywhere");
    const devices = [
      { w: watch(await openDevice(b, { token })), auth: { token } },
      { w: watch(await openDevice(b, { cookie })), auth: { cookie } },
    ];
    expect((await http("POST", `${a}/api/me/logout-all`, { token })).status).toBe(204);
    await expectEnded(devices, Date.now(), say);
  });

  it("a password change: the others end, the current one stays", async () => {
    const { email, token, cookie, say } = await withPeer("Changer");
    const second = await newToken(email);
    const current = watch(await openDevice(b, { token }));
    const others = [
      { w: watch(await openDevice(b, { token: second })), auth: { token: second } },
      { w: watch(await openDevice(b, { cookie })), auth: { cookie } },
    ];
    const r = await http("PUT", `${a}/api/me/password`, { token, body: { currentPassword: PASSWORD, newPassword: "a new password" } });
    expect(r.status).toBe(204);
    await expectEnded(others, Date.now(), say, [current]);
  });

  it("DELETE one session, and a token ending itself", async () => {
    const { token, cookie, say } = await withPeer("Pruner");
    const browserDevice = { w: watch(await openDevice(b, { cookie })), auth: { cookie } };
    const tokenDevice = { w: watch(await openDevice(b, { token })), auth: { token } };
    const list = await http("GET", `${a}/api/me/sessions`, { token });
    const browser = list.body.sessions.find((s: { kind: string }) => s.kind === "browser");
    const own = list.body.sessions.find((s: { current: boolean }) => s.current);
    expect((await http("DELETE", `${a}/api/me/sessions/${browser.id}`, { token })).status).toBe(204);
    await expectEnded([browserDevice], Date.now(), say, [tokenDevice.w]);
    expect((await http("DELETE", `${a}/api/me/sessions/${own.id}`, { token })).status).toBe(204);
    await expectEnded([tokenDevice], Date.now(), say);
  });

  it("browser log-out", async () => {
    const { token, cookie, say } = await withPeer("Leaver");
    const device = { w: watch(await openDevice(b, { cookie })), auth: { cookie } };
    const kept = watch(await openDevice(b, { token }));
    expect(await browserLogout({ url: a }, cookie)).toBeLessThan(400);
    await expectEnded([device], Date.now(), say, [kept]);
    expect((await http("GET", `${b}/api/me`, { cookie })).status).toBe(401);
  });
});
