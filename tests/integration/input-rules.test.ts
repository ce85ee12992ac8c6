// Malformed input is a clear error (never `internal`), and one sender's bad input cannot fail
// another's send.
import { randomUUID } from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Channel } from "../../lib/contract/models";
import {
  api,
  call,
  closeAllDevices,
  connectDevice,
  signUp,
  startTestServer,
  type TestServer,
  type TestUser,
} from "../support/test-server";

const NUL = "\u0000";
let srv: TestServer;
let owner: TestUser, member: TestUser, outsider: TestUser;
let group: Channel;

beforeAll(async () => {
  srv = await startTestServer({ MESSAGE_RATE_LIMIT: "10000" });
  [owner, member, outsider] = (await Promise.all(["Owner", "Member", "Outsider"].map((n) => signUp(srv, n)))) as [TestUser, TestUser, TestUser];
  const g = await api(srv, "POST", "/api/channels", { token: owner.token, body: { kind: "group", name: "team", memberIds: [member.id] } });
  group = g.body.channel;
});
afterAll(() => srv?.stop());
afterEach(() => closeAllDevices());

/** Rows that refused input must not have changed. */
async function counts() {
  const { db } = srv.app.services;
  const [users, channels, memberships, messages, subscriptions] = await Promise.all([
    db.user.count(),
    db.channel.count(),
    db.membership.count(),
    db.message.count(),
    db.pushSubscription.count(),
  ]);
  return { users, channels, memberships, messages, subscriptions };
}

describe("input rules", () => {
  it("answers 400 invalid to a NUL in any kind of route field, and stores nothing", async () => {
    const before = await counts();
    const g = group.id;
    const cases: [string, string, { body?: unknown; token?: string }][] = [
      ["POST", "/api/users", { body: { email: "nul@example.test", name: `A${NUL}B`, password: "correct horse battery" } }],
      ["POST", "/api/users", { body: { email: `n${NUL}ul@example.test`, name: "Nul", password: "correct horse battery" } }],
      ["POST", "/api/users", { body: { email: "nul2@example.test", name: "Nul", password: `correct horse${NUL}` } }],
      ["POST", "/api/tokens", { body: { email: `${owner.email}${NUL}`, password: "x" } }],
      ["GET", `/api/users?q=${encodeURIComponent(`a${NUL}b`)}`, { token: owner.token }],
      ["GET", `/api/users?ids=${encodeURIComponent(`${member.id},x${NUL}`)}`, { token: owner.token }],
      ["GET", `/api/users/${encodeURIComponent(`x${NUL}`)}`, { token: owner.token }],
      ["POST", "/api/channels", { token: owner.token, body: { kind: "group", name: `g${NUL}`, memberIds: [] } }],
      ["POST", "/api/channels", { token: owner.token, body: { kind: "direct", memberIds: [`${member.id}${NUL}`] } }],
      ["PATCH", `/api/channels/${g}`, { token: owner.token, body: { name: `n${NUL}` } }],
      ["PATCH", `/api/channels/${encodeURIComponent(`${g}${NUL}`)}`, { token: owner.token, body: { name: "n" } }],
      ["GET", `/api/channels/${encodeURIComponent(`${g}${NUL}`)}/messages`, { token: owner.token }],
      ["GET", `/api/channels/${encodeURIComponent(`${g}${NUL}`)}/members`, { token: owner.token }],
      ["POST", `/api/channels/${g}/members`, { token: owner.token, body: { userIds: [`${outsider.id}${NUL}`] } }],
      ["DELETE", `/api/channels/${g}/members/${encodeURIComponent(`${member.id}${NUL}`)}`, { token: owner.token }],
      ["PUT", `/api/channels/${encodeURIComponent(`${g}${NUL}`)}/mute`, { token: owner.token, body: { muted: true } }],
      ["GET", `/api/search?q=${encodeURIComponent(`hi${NUL}`)}`, { token: owner.token }],
      ["GET", `/api/search?q=hi&channelId=${encodeURIComponent(`${g}${NUL}`)}`, { token: owner.token }],
      ["PUT", "/api/me/password", { token: owner.token, body: { currentPassword: `x${NUL}`, newPassword: "whatever12345" } }],
      ["POST", "/api/push/subscriptions", { token: owner.token, body: { endpoint: `https://push.example/${NUL}`, keys: { p256dh: "AAAA", auth: "AAAA" } } }],
      ["DELETE", "/api/push/subscriptions", { token: owner.token, body: { endpoint: `https://push.example/${NUL}` } }],
    ];
    for (const [method, path, opts] of cases) {
      const r = await api(srv, method, path, opts);
      expect({ method, path, status: r.status, code: r.body?.error?.code }).toEqual({ method, path, status: 400, code: "invalid" });
    }
    // A lone surrogate is refused too (it would otherwise be stored as U+FFFD).
    const lone = await api(srv, "PATCH", `/api/channels/${g}`, { token: owner.token, raw: '{"name":"a\\ud800b"}', headers: { "content-type": "application/json" } });
    expect([lone.status, lone.body.error.code]).toEqual([400, "invalid"]);
    expect(await counts()).toEqual(before);
    expect((await srv.app.services.db.channel.findUniqueOrThrow({ where: { id: g } })).name).toBe("team");
  });

  it("acks invalid to a NUL in every socket event, and stores nothing", async () => {
    const before = await counts();
    const s = await connectDevice(srv, { token: member.token });
    const g = group.id;
    const cases: [string, unknown][] = [
      ["message:send", { channelId: g, clientMsgId: randomUUID(), body: `hello${NUL}` }],
      ["message:send", { channelId: g, clientMsgId: `${randomUUID()}${NUL}`, body: "hello" }],
      ["message:send", { channelId: `${g}${NUL}`, clientMsgId: randomUUID(), body: "hello" }],
      ["message:send", { channelId: g, clientMsgId: randomUUID(), body: "a\uDC00b" }],
      ["sync", { cursors: { [`${g}${NUL}`]: 0 } }],
      ["read", { channelId: `${g}${NUL}`, seq: 0 }],
      ["typing", { channelId: `${g}${NUL}` }],
      ["heartbeat", { active: NUL }],
      ["presence:subscribe", { userIds: [`${owner.id}${NUL}`] }],
    ];
    for (const [event, payload] of cases) {
      const ack = await call(s, event as "sync", payload);
      expect({ event, payload, ack }).toMatchObject({ event, ack: { ok: false, error: { code: "invalid" } } });
    }
    expect(await counts()).toEqual(before);
  });

  it("answers too_large to a body far over the limit, and invalid to invisible-only bodies and names", async () => {
    const s = await connectDevice(srv, { token: member.token });
    for (const n of [4001, 16_017, 20_000, 200_000]) {
      const ack = await call(s, "message:send", { channelId: group.id, clientMsgId: randomUUID(), body: "x".repeat(n) });
      expect([n, ack.ok, ack.error?.code]).toEqual([n, false, "too_large"]);
    }
    for (const body of ["\u200B\u200D\uFEFF", "\u202E\u2066 \u2069", "\u0301\u0301", "\u3164\u3164"]) {
      const ack = await call(s, "message:send", { channelId: group.id, clientMsgId: randomUUID(), body });
      expect([body, ack.error?.code]).toEqual([body, "invalid"]);
    }
    const zwj = await call(s, "message:send", { channelId: group.id, clientMsgId: randomUUID(), body: "👩\u200D💻" });
    expect(zwj.message.body).toBe("👩\u200D💻");
    const bad = await api(srv, "PATCH", `/api/channels/${group.id}`, { token: owner.token, body: { name: "\u200B\u202E\u2066" } });
    expect([bad.status, bad.body.error.code]).toEqual([400, "invalid"]);
    const ok = await api(srv, "PATCH", `/api/channels/${group.id}`, { token: owner.token, body: { name: "\u202Eteam\u202C Cafe\u0301" } });
    expect(ok.body.channel.name).toBe("team Caf\u00E9");
  });
});

describe("one sender cannot break another's send", () => {
  it("a non-member's 40 bad sends to a group fail alone: the member's 40 concurrent sends are all stored, gapless", async () => {
    const [m, x] = await Promise.all([connectDevice(srv, { token: member.token }), connectDevice(srv, { token: outsider.token })]);
    const { lastSeq: base } = await srv.app.services.db.channel.findUniqueOrThrow({ where: { id: group.id } });
    const bad = Array.from({ length: 40 }, (_, i) =>
      call(x, "message:send", { channelId: group.id, clientMsgId: randomUUID(), body: i % 2 ? `bad${NUL}` : `not a member ${i}` }),
    );
    const good = Array.from({ length: 40 }, (_, i) => call(m, "message:send", { channelId: group.id, clientMsgId: randomUUID(), body: `good ${i}` }));
    const [badAcks, goodAcks] = await Promise.all([Promise.all(bad), Promise.all(good)]);
    expect(goodAcks.filter((a) => !a.ok)).toEqual([]);
    expect(new Set(badAcks.map((a) => a.error?.code))).toEqual(new Set(["invalid", "forbidden"]));
    const seqs = goodAcks.map((a) => a.message.seq as number).sort((a, b) => a - b);
    expect(seqs).toEqual(Array.from({ length: 40 }, (_, i) => base + 1 + i));
    const stored = await srv.app.services.db.message.findMany({ where: { channelId: group.id, seq: { gt: base } }, orderBy: { seq: "asc" } });
    expect(stored.map((r) => r.senderId)).toEqual(Array(40).fill(member.id));
  });

  it("a draft whose statement fails (the database refuses it) fails alone in its batch", async () => {
    const { writer, db } = srv.app.services;
    const { lastSeq: base } = await db.channel.findUniqueOrThrow({ where: { id: group.id } });
    // Over Postgres' 1 MB tsvector limit: the search vector of this body cannot be built. The
    // edge would refuse it (too_large); written straight to the writer, it makes its statement fail.
    const huge = Array.from({ length: 160_000 }, (_, i) => `w${i.toString(36).padStart(7, "q")}`).join(" ");
    const draft = (senderId: string, body: string) => ({ channelId: group.id, senderId, body, clientMsgId: randomUUID() });
    // The first write takes the channel's queue; the rest coalesce into one batch behind it.
    const first = writer.write(draft(owner.id, "first"));
    const batch = [
      ...Array.from({ length: 10 }, (_, i) => writer.write(draft(member.id, `before ${i}`))),
      writer.write(draft(owner.id, huge)),
      ...Array.from({ length: 10 }, (_, i) => writer.write(draft(member.id, `after ${i}`))),
    ];
    const results = await Promise.allSettled([first, ...batch]);
    const failed = results.filter((r) => r.status === "rejected");
    expect(failed).toHaveLength(1);
    expect(results[11]!.status).toBe("rejected");
    const stored = await db.message.findMany({ where: { channelId: group.id, seq: { gt: base } }, orderBy: { seq: "asc" } });
    expect(stored.map((r) => r.seq)).toEqual(Array.from({ length: 21 }, (_, i) => base + 1 + i));
    expect((await db.channel.findUniqueOrThrow({ where: { id: group.id } })).lastSeq).toBe(base + 21);
  });

  it("refuses a write with NUL before it is queued", async () => {
    await expect(
      srv.app.services.writer.write({ channelId: group.id, senderId: member.id, body: `x${NUL}`, clientMsgId: randomUUID() }),
    ).rejects.toMatchObject({ code: "invalid" });
  });
});
