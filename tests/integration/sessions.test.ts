// Ending a credential ends its sockets (PROTOCOL.md "Part two › Sessions"): browser log-out, log
// out everywhere, a password change, DELETE /api/me/sessions/:id and expiry each close every socket
// the ended credential opened within 2 s, nothing reaches it after, and it cannot reconnect.
import { randomUUID } from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createApiToken } from "../../server/auth/api-tokens";
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
import { api, signUp, startTestServer, type TestServer, type TestUser, waitFor } from "../support/test-server";

const PASSWORD = "correct horse battery";
let srv: TestServer;

beforeAll(async () => {
  // Subscriptions here name a test host that does not resolve (nothing is sent to it).
  srv = await startTestServer({ PUSH_ALLOW_PRIVATE_ENDPOINTS: "1" });
});
afterAll(async () => {
  await srv?.stop();
});
afterEach(() => closeDevices());

/** A user with a direct channel to a peer whose device can send into it. */
async function withPeer(name: string) {
  const me = await signUp(srv, name);
  const peer = await signUp(srv, `${name}Peer`);
  const ch = await api(srv, "POST", "/api/channels", { token: peer.token, body: { kind: "direct", memberIds: [me.id] } });
  const peerDevice = await openDevice(srv.url, { token: peer.token });
  const say = async (body: string) => {
    const ack = await peerDevice.timeout(10_000).emitWithAck("message:send", { channelId: ch.body.channel.id, clientMsgId: randomUUID(), body });
    expect(ack.ok).toBe(true);
  };
  return { me, say, channelId: ch.body.channel.id as string };
}

const cookieFor = async (u: TestUser) => (await browserLogin(srv, u.email, PASSWORD))!;
const newToken = async (u: TestUser) =>
  (await api(srv, "POST", "/api/tokens", { body: { email: u.email, password: PASSWORD } })).body.token as string;

/** Device of the ended credential: closed in time, deaf to what follows, refused on reconnect. */
async function expectEnded(ended: { w: Watched; auth: Auth }[], answeredAt: number, say: (b: string) => Promise<void>, kept: Watched[] = []) {
  for (const e of ended) await expectClosedWithin2s(e.w, answeredAt);
  const later = `after the end ${randomUUID()}`;
  await say(later);
  for (const k of kept) await waitFor(() => k.messages.some((m) => m.body === later), 5000, "the kept device to get the message");
  await sleep(200);
  for (const e of ended) expect(e.w.messages.some((m) => m.body === later)).toBe(false);
  for (const k of kept) expect(k.connected).toBe(true);
  for (const e of ended) await expectRefused(srv.url, e.auth);
}

describe("ending a credential closes its sockets", () => {
  it("browser log-out ends that session: its socket closes, a copied cookie gets 401", async () => {
    const { me, say } = await withPeer("Leaver");
    const cookie = await cookieFor(me);
    const w = watch(await openDevice(srv.url, { cookie }));
    const other = watch(await openDevice(srv.url, { token: me.token }));
    expect(await browserLogout(srv, cookie)).toBeLessThan(400);
    const answeredAt = Date.now();
    await expectEnded([{ w, auth: { cookie } }], answeredAt, say, [other]);
    expect((await api(srv, "GET", "/api/me", { headers: { cookie } })).status).toBe(401);
    expect((await api(srv, "GET", "/api/me", { token: me.token })).status).toBe(200);
  });

  it("log out everywhere ends every session and token, the caller's own too", async () => {
    const { me, say } = await withPeer("Everywhere");
    const cookie = await cookieFor(me);
    const second = await newToken(me);
    const devices = [
      { w: watch(await openDevice(srv.url, { cookie })), auth: { cookie } },
      { w: watch(await openDevice(srv.url, { token: me.token })), auth: { token: me.token } },
      { w: watch(await openDevice(srv.url, { token: second })), auth: { token: second } },
    ];
    expect((await api(srv, "POST", "/api/me/logout-all", { token: me.token })).status).toBe(204);
    await expectEnded(devices, Date.now(), say);
    for (const auth of [{ token: me.token }, { token: second }]) {
      expect((await api(srv, "GET", "/api/me", auth)).status).toBe(401);
    }
    expect((await api(srv, "GET", "/api/me", { headers: { cookie } })).status).toBe(401);
  });

  it("a password change ends every other session and token; the current one stays", async () => {
    const { me, say } = await withPeer("Changer");
    const cookie = await cookieFor(me);
    const second = await newToken(me);
    const current = watch(await openDevice(srv.url, { token: me.token }));
    const others = [
      { w: watch(await openDevice(srv.url, { cookie })), auth: { cookie } },
      { w: watch(await openDevice(srv.url, { token: second })), auth: { token: second } },
    ];
    const r = await api(srv, "PUT", "/api/me/password", { token: me.token, body: { currentPassword: PASSWORD, newPassword: "a brand new one" } });
    expect(r.status).toBe(204);
    await expectEnded(others, Date.now(), say, [current]);
    expect((await api(srv, "GET", "/api/me", { token: me.token })).status).toBe(200);
    expect((await api(srv, "GET", "/api/me", { token: second })).status).toBe(401);
    expect((await api(srv, "GET", "/api/me", { headers: { cookie } })).status).toBe(401);
  });

  it("DELETE /api/me/sessions/:id ends that browser session only", async () => {
    const { me, say } = await withPeer("Pruner");
    const cookie = await cookieFor(me);
    const w = watch(await openDevice(srv.url, { cookie }));
    const kept = watch(await openDevice(srv.url, { token: me.token }));
    const list = await api(srv, "GET", "/api/me/sessions", { token: me.token });
    const browser = list.body.sessions.find((s: { kind: string }) => s.kind === "browser");
    expect((await api(srv, "DELETE", `/api/me/sessions/${browser.id}`, { token: me.token })).status).toBe(204);
    await expectEnded([{ w, auth: { cookie } }], Date.now(), say, [kept]);
    expect((await api(srv, "GET", "/api/me", { headers: { cookie } })).status).toBe(401);
  });

  it("a token ends itself with DELETE of its own id", async () => {
    const { me, say } = await withPeer("SelfEnder");
    const cookie = await cookieFor(me);
    const w = watch(await openDevice(srv.url, { token: me.token }));
    const kept = watch(await openDevice(srv.url, { cookie }));
    const list = await api(srv, "GET", "/api/me/sessions", { token: me.token });
    const own = list.body.sessions.find((s: { current: boolean }) => s.current);
    expect(own.kind).toBe("token");
    expect((await api(srv, "DELETE", `/api/me/sessions/${own.id}`, { token: me.token })).status).toBe(204);
    await expectEnded([{ w, auth: { token: me.token } }], Date.now(), say, [kept]);
    expect((await api(srv, "GET", "/api/me", { token: me.token })).status).toBe(401);
  });

  it("a session ended while its device connects never leaves that device open", async () => {
    // The end's room broadcast misses a socket still in its handshake: the handshake registry
    // (or, on a cluster, the read after `connect`) must close it.
    const me = await signUp(srv, "RaceEnder");
    const ROUNDS = Number(process.env.RACE_ROUNDS ?? 8);
    let connected = 0;
    // Until some devices got in before their end too (how often depends on the machine's speed):
    // at least ROUNDS rounds, at most five times as many.
    for (let round = 0; round < ROUNDS || (connected === 0 && round < 5 * ROUNDS); round++) {
      const tokens = await Promise.all(Array.from({ length: 4 }, () => newToken(me)));
      const ids = await Promise.all(
        tokens.map(async (t) => {
          const sessions = (await api(srv, "GET", "/api/me/sessions", { token: t })).body.sessions as { id: string; current: boolean }[];
          return sessions.find((x) => x.current)!.id;
        }),
      );
      await Promise.all(
        tokens.map(async (token, i) => {
          const [device] = await Promise.all([
            sleep(Math.random() * 12).then(() => openDevice(srv.url, { token }).catch(() => null)),
            // The end starts later as the rounds go on, so that a slow handshake also meets it midway.
            sleep(Math.random() * (12 + 2 * round)).then(async () => {
              expect((await api(srv, "DELETE", `/api/me/sessions/${ids[i]}`, { token: me.token })).status).toBe(204);
            }),
          ]);
          if (!device) return;
          connected++;
          await waitFor(() => !device.connected, 2000, "the ended session's device to be closed");
        }),
      );
    }
    // Some devices got in before their end: the race was run, not only refusals.
    expect(connected).toBeGreaterThan(0);
  }, 120_000);

  it("an expiring token closes its sockets when it expires", async () => {
    const { me, say } = await withPeer("Expiring");
    const { db } = srv.app.services;
    const { token, sessionId } = await createApiToken(db, me.id, { ttlDays: 1 });
    const expiresAt = Date.now() + 1500;
    await db.authSession.update({ where: { id: sessionId }, data: { expiresAt: new Date(expiresAt) } });
    const w = watch(await openDevice(srv.url, { token }));
    const kept = watch(await openDevice(srv.url, { token: me.token }));
    await expectEnded([{ w, auth: { token } }], expiresAt, say, [kept]);
    expect((await api(srv, "GET", "/api/me", { token })).status).toBe(401);
  });

  it("an expiring browser session closes its sockets when it expires", async () => {
    const { me, say } = await withPeer("ExpiringCookie");
    const { db } = srv.app.services;
    const cookie = await cookieFor(me);
    const row = await db.authSession.findFirstOrThrow({ where: { userId: me.id, kind: "browser" } });
    const expiresAt = Date.now() + 1500;
    await db.authSession.update({ where: { id: row.id }, data: { expiresAt: new Date(expiresAt) } });
    const w = watch(await openDevice(srv.url, { cookie }));
    await expectEnded([{ w, auth: { cookie } }], expiresAt, say);
    expect((await api(srv, "GET", "/api/me", { headers: { cookie } })).status).toBe(401);
  });
});

describe("GET and DELETE /api/me/sessions", () => {
  it("lists browser sessions and tokens with their kind, user agent and which one is current", async () => {
    const me = await signUp(srv, "Lister");
    const cookie = (await browserLogin(srv, me.email, PASSWORD, { "user-agent": "Mozilla/5.0 (X11; Linux x86_64) Chrome/156.0 Safari/537.36" }))!;
    const byToken = await api(srv, "GET", "/api/me/sessions", { token: me.token, headers: { "user-agent": "lister-bot/1.0" } });
    expect(byToken.status).toBe(200);
    const sessions = byToken.body.sessions as { id: string; kind: string; current: boolean; userAgent: string | null; createdAt: string; lastUsedAt: string }[];
    expect(sessions.map((s) => [s.kind, s.current]).sort()).toEqual([
      ["browser", false],
      ["token", true],
    ]);
    expect(sessions[0]!.current).toBe(true);
    const browser = sessions.find((s) => s.kind === "browser")!;
    expect(browser.userAgent).toContain("Chrome/156.0");
    expect(Object.keys(browser).sort()).toEqual(["createdAt", "current", "id", "kind", "lastUsedAt", "userAgent"]);
    expect(new Date(browser.lastUsedAt).getTime()).toBeGreaterThanOrEqual(new Date(browser.createdAt).getTime());

    const byCookie = await api(srv, "GET", "/api/me/sessions", { headers: { cookie } });
    expect(byCookie.body.sessions.find((s: { current: boolean }) => s.current).id).toBe(browser.id);
  });

  it("records when a session was last used, at most once a minute", async () => {
    const me = await signUp(srv, "Toucher");
    const { db } = srv.app.services;
    const row = await db.authSession.findFirstOrThrow({ where: { userId: me.id, kind: "token" } });
    const twoMinutesAgo = new Date(Date.now() - 120_000);
    await db.authSession.update({ where: { id: row.id }, data: { lastUsedAt: twoMinutesAgo, userAgent: null } });
    await api(srv, "GET", "/api/me", { token: me.token, headers: { "user-agent": "toucher/2" } });
    const touched = await db.authSession.findUniqueOrThrow({ where: { id: row.id } });
    expect(touched.lastUsedAt.getTime()).toBeGreaterThan(twoMinutesAgo.getTime() + 60_000);
    expect(touched.userAgent).toBe("toucher/2");
    await api(srv, "GET", "/api/me", { token: me.token, headers: { "user-agent": "toucher/3" } });
    const again = await db.authSession.findUniqueOrThrow({ where: { id: row.id } });
    expect(again.lastUsedAt).toEqual(touched.lastUsedAt);
    expect(again.userAgent).toBe("toucher/2");
  });

  it("does not let one user end another's session: 404, and it keeps working", async () => {
    const victim = await signUp(srv, "Victim");
    const other = await signUp(srv, "Intruder");
    const w = watch(await openDevice(srv.url, { token: victim.token }));
    const mine = await api(srv, "GET", "/api/me/sessions", { token: victim.token });
    const id = mine.body.sessions[0].id;
    const r = await api(srv, "DELETE", `/api/me/sessions/${id}`, { token: other.token });
    expect(r.status).toBe(404);
    expect(r.body.error.code).toBe("not_found");
    expect((await api(srv, "GET", "/api/me/sessions", { token: other.token })).body.sessions.map((s: { id: string }) => s.id)).not.toContain(id);
    await sleep(300);
    expect(w.connected).toBe(true);
    expect((await api(srv, "GET", "/api/me", { token: victim.token })).status).toBe(200);
    expect((await api(srv, "DELETE", "/api/me/sessions/nope", { token: other.token })).status).toBe(404);
  });
});

describe("push subscriptions follow their session", () => {
  const sub = (n: string) => ({ endpoint: `https://push.example.test/${n}-${randomUUID()}`, keys: { p256dh: "BExamplePublicKey", auth: "authsecret" } });

  it("a device's subscription goes when its session logs out; others stay until the password changes", async () => {
    const me = await signUp(srv, "Pusher");
    const { db } = srv.app.services;
    const cookie = await cookieFor(me);
    const second = await cookieFor(me);
    expect((await api(srv, "POST", "/api/push/subscriptions", { headers: { cookie }, body: sub("a") })).status).toBe(201);
    expect((await api(srv, "POST", "/api/push/subscriptions", { headers: { cookie: second }, body: sub("b") })).status).toBe(201);
    expect((await api(srv, "POST", "/api/push/subscriptions", { token: me.token, body: sub("c") })).status).toBe(201);
    expect(await db.pushSubscription.count({ where: { userId: me.id } })).toBe(3);
    await browserLogout(srv, cookie);
    expect(await db.pushSubscription.count({ where: { userId: me.id } })).toBe(2);
    const r = await api(srv, "PUT", "/api/me/password", { token: me.token, body: { currentPassword: PASSWORD, newPassword: "another password" } });
    expect(r.status).toBe(204);
    expect(await db.pushSubscription.count({ where: { userId: me.id } })).toBe(0);
  });

  it("log out everywhere removes every subscription", async () => {
    const me = await signUp(srv, "PushAll");
    const { db } = srv.app.services;
    const cookie = await cookieFor(me);
    await api(srv, "POST", "/api/push/subscriptions", { headers: { cookie }, body: sub("d") });
    await api(srv, "POST", "/api/push/subscriptions", { token: me.token, body: sub("e") });
    expect((await api(srv, "POST", "/api/me/logout-all", { token: me.token })).status).toBe(204);
    expect(await db.pushSubscription.count({ where: { userId: me.id } })).toBe(0);
  });
});

describe("tokens per user", () => {
  it("past MAX_TOKENS_PER_USER, a new token ends the least recently used one and its sockets", async () => {
    const me = await signUp(srv, "Hoarder");
    const { db, config } = srv.app.services;
    const max = config.MAX_TOKENS_PER_USER;
    // Fill up to the cap; the oldest-used one is the one to go.
    const made = [];
    for (let i = 1; i < max; i++) made.push(await createApiToken(db, me.id, { ttlDays: 1 }));
    const stale = made[0]!;
    const w = watch(await openDevice(srv.url, { token: stale.token }));
    // After the handshake, which counts as a use.
    await db.authSession.update({ where: { id: stale.sessionId }, data: { lastUsedAt: new Date(Date.now() - 86_400_000) } });
    expect(await db.authSession.count({ where: { userId: me.id, kind: "token" } })).toBe(max);
    const fresh = await newToken(me);
    const answeredAt = Date.now();
    expect((await api(srv, "GET", "/api/me", { token: fresh })).status).toBe(200);
    expect(await db.authSession.count({ where: { userId: me.id, kind: "token" } })).toBe(max);
    await expectClosedWithin2s(w, answeredAt);
    await expectRefused(srv.url, { token: stale.token });
    expect((await api(srv, "GET", "/api/me", { token: me.token })).status).toBe(200);
  });
});
