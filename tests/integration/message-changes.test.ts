// Messages that change (PROTOCOL.md part two): replies, edits, deletes, reactions, with the
// per-channel version every change takes, delivered as `message:update` to every device of every
// member. Real sockets against the real app and database.
import { randomUUID } from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Message } from "../../lib/contract/models";
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

let srv: TestServer;
let alice: TestUser;
let bob: TestUser;
let carol: TestUser;
let outsider: TestUser;
/** A group: alice owner, bob member, carol admin. */
let groupId: string;
/** A direct channel between alice and bob. */
let directId: string;

beforeAll(async () => {
  srv = await startTestServer();
  [alice, bob, carol, outsider] = await Promise.all([signUp(srv, "Alice"), signUp(srv, "Bob"), signUp(srv, "Carol"), signUp(srv, "Olaf")]);
  const g = await api(srv, "POST", "/api/channels", { token: alice.token, body: { kind: "group", name: "Team", memberIds: [bob.id, carol.id] } });
  expect(g.status).toBe(201);
  groupId = g.body.channel.id;
  const role = await api(srv, "PATCH", `/api/channels/${groupId}/members/${carol.id}`, { token: alice.token, body: { role: "admin" } });
  expect(role.status).toBe(204);
  const d = await api(srv, "POST", "/api/channels", { token: alice.token, body: { kind: "direct", memberIds: [bob.id] } });
  directId = d.body.channel.id;
});
afterAll(() => srv?.stop());
afterEach(() => closeAllDevices());

const send = async (s: ClientSocket, body: string, extra: Record<string, unknown> = {}, channelId = groupId): Promise<Message> => {
  const ack = await call(s, "message:send", { channelId, clientMsgId: randomUUID(), body, ...extra });
  expect(ack.ok, JSON.stringify(ack)).toBe(true);
  return ack.message;
};
const history = async (u: TestUser, channelId = groupId, query = "limit=200"): Promise<Message[]> => {
  const r = await api(srv, "GET", `/api/channels/${channelId}/messages?${query}`, { token: u.token });
  expect(r.status).toBe(200);
  return r.body.messages;
};
const channelVersion = async (u: TestUser, channelId = groupId): Promise<number> => {
  const r = await api(srv, "GET", "/api/channels", { token: u.token });
  return r.body.channels.find((c: { id: string }) => c.id === channelId).version;
};
const errorCode = (ack: { ok: boolean; error?: { code: string } }) => (ack.ok ? "ok" : ack.error!.code);
/** Lets events in flight arrive before asserting that one did not. */
const settle = () => new Promise((r) => setTimeout(r, 300));

describe("message fields", () => {
  it("a new message has no reply, edit, deletion, reactions or attachments, and takes the channel's next version", async () => {
    const a = await connectDevice(srv, { token: alice.token });
    const before = await channelVersion(alice);
    const m = await send(a, "fresh");
    expect(m).toMatchObject({ replyTo: null, editedAt: null, deletedAt: null, reactions: [], attachments: [], version: before + 1 });
    expect(await channelVersion(alice)).toBe(before + 1);
  });
});

describe("replies", () => {
  it("stores replyTo, also to a deleted message; an unknown seq is invalid and stores nothing", async () => {
    const a = await connectDevice(srv, { token: alice.token });
    const b = await connectDevice(srv, { token: bob.token });
    const original = await send(a, "question?");
    const reply = await send(b, "answer", { replyTo: original.seq });
    expect(reply.replyTo).toBe(original.seq);
    expect((await history(carol, groupId, `around=${reply.seq}&limit=1`))[0]).toMatchObject({ seq: reply.seq, replyTo: original.seq });

    const lastSeq = reply.seq;
    for (const replyTo of [lastSeq + 1, 10_000, 0, -1, "1", 1.5]) {
      const ack = await call(a, "message:send", { channelId: groupId, clientMsgId: randomUUID(), body: "x", replyTo });
      expect(errorCode(ack), `replyTo ${replyTo}`).toBe("invalid");
    }
    expect((await history(alice, groupId, "limit=1"))[0]!.seq).toBe(lastSeq);

    expect((await call(a, "message:delete", { channelId: groupId, seq: original.seq })).ok).toBe(true);
    const late = await send(b, "answering a deleted one", { replyTo: original.seq });
    expect(late.replyTo).toBe(original.seq);
  });

  it("refuses attachments until files exist, and more than 10 ids in any case", async () => {
    const a = await connectDevice(srv, { token: alice.token });
    const one = await call(a, "message:send", { channelId: groupId, clientMsgId: randomUUID(), body: "x", attachmentIds: ["abc"] });
    expect(errorCode(one)).toBe("invalid");
    const many = await call(a, "message:send", { channelId: groupId, clientMsgId: randomUUID(), body: "x", attachmentIds: Array.from({ length: 11 }, (_, i) => `a${i}`) });
    expect(errorCode(many)).toBe("invalid");
    expect((await send(a, "no files", { attachmentIds: [] })).attachments).toEqual([]);
  });
});

describe("message:edit", () => {
  it("the sender edits; every device of every member gets message:update with the new version", async () => {
    const a1 = await connectDevice(srv, { token: alice.token });
    const a2 = await connectDevice(srv, { token: alice.token });
    const b1 = await connectDevice(srv, { token: bob.token });
    const o1 = await connectDevice(srv, { token: outsider.token });
    const m = await send(a1, "first draft");
    const updates = [a1, a2, b1, o1].map((s) => record(s, "message:update"));
    const ack = await call(a1, "message:edit", { channelId: groupId, seq: m.seq, body: "second draft" });
    expect(ack.ok).toBe(true);
    const edited: Message = ack.message;
    expect(edited).toMatchObject({ seq: m.seq, body: "second draft", clientMsgId: m.clientMsgId, createdAt: m.createdAt, deletedAt: null });
    expect(edited.editedAt).not.toBeNull();
    expect(edited.version).toBeGreaterThan(m.version);
    expect(await channelVersion(bob)).toBe(edited.version);
    await waitFor(() => updates.slice(0, 3).every((u) => u.length === 1), 5000, "message:update on every device");
    for (const u of updates.slice(0, 3)) expect(u[0]).toEqual(edited);
    await settle();
    expect(updates[3]).toEqual([]);
    expect((await history(carol)).find((x) => x.seq === m.seq)).toEqual(edited);
  });

  it("refuses others' messages, unknown and deleted ones, bad bodies and non-members, changing nothing", async () => {
    const a = await connectDevice(srv, { token: alice.token });
    const b = await connectDevice(srv, { token: bob.token });
    const o = await connectDevice(srv, { token: outsider.token });
    const m = await send(a, "mine");
    const version = await channelVersion(alice);
    expect(errorCode(await call(b, "message:edit", { channelId: groupId, seq: m.seq, body: "bob was here" }))).toBe("forbidden");
    expect(errorCode(await call(a, "message:edit", { channelId: groupId, seq: m.seq + 1000, body: "x" }))).toBe("not_found");
    expect(errorCode(await call(o, "message:edit", { channelId: groupId, seq: m.seq, body: "x" }))).toBe("forbidden");
    expect(errorCode(await call(a, "message:edit", { channelId: "no-such-channel", seq: 1, body: "x" }))).toBe("not_found");
    expect(errorCode(await call(a, "message:edit", { channelId: groupId, seq: m.seq, body: "   " }))).toBe("invalid");
    expect(errorCode(await call(a, "message:edit", { channelId: groupId, seq: m.seq, body: "x".repeat(4001) }))).toBe("too_large");
    expect(errorCode(await call(a, "message:edit", { channelId: groupId, seq: m.seq }))).toBe("invalid");
    expect(await channelVersion(alice)).toBe(version);
    expect((await history(alice)).find((x) => x.seq === m.seq)).toEqual(m);

    expect((await call(a, "message:delete", { channelId: groupId, seq: m.seq })).ok).toBe(true);
    expect(errorCode(await call(a, "message:edit", { channelId: groupId, seq: m.seq, body: "revived?" }))).toBe("not_found");
  });

  it("the same text again changes nothing (no new version, no event)", async () => {
    const a = await connectDevice(srv, { token: alice.token });
    const b = await connectDevice(srv, { token: bob.token });
    const m = await send(a, "steady");
    const updates = record(b, "message:update");
    const ack = await call(a, "message:edit", { channelId: groupId, seq: m.seq, body: "steady" });
    expect(ack.message).toEqual(m);
    await settle();
    expect(updates).toEqual([]);
  });

  it("follows the new text in search and in mentions", async () => {
    const a = await connectDevice(srv, { token: alice.token });
    const m = await send(a, "the zebrafish report, @Carol");
    const mentions = async (u: TestUser) =>
      (await api(srv, "GET", "/api/mentions", { token: u.token })).body.results.map((r: { message: Message }) => r.message.seq);
    const search = async (q: string) =>
      (await api(srv, "GET", `/api/search?q=${encodeURIComponent(q)}&channelId=${groupId}`, { token: bob.token })).body.results.map(
        (r: { message: Message }) => r.message.seq,
      );
    expect(await search("zebrafish")).toContain(m.seq);
    expect(await mentions(carol)).toContain(m.seq);

    const ack = await call(a, "message:edit", { channelId: groupId, seq: m.seq, body: "the 회의실 booking, @Bob" });
    expect(ack.ok).toBe(true);
    expect(await search("zebrafish")).not.toContain(m.seq);
    expect(await search("회의")).toContain(m.seq);
    expect(await mentions(carol)).not.toContain(m.seq);
    const bobs = await api(srv, "GET", "/api/mentions", { token: bob.token });
    expect(bobs.body.results.find((r: { message: Message }) => r.message.seq === m.seq)?.message.body).toBe("the 회의실 booking, @Bob");
  });

  it("concurrent edits from several devices: last write wins, every device ends with the same text and version", async () => {
    const a1 = await connectDevice(srv, { token: alice.token });
    const a2 = await connectDevice(srv, { token: alice.token });
    const b1 = await connectDevice(srv, { token: bob.token });
    const m = await send(a1, "v0");
    const devices = [a1, a2, b1];
    const updates = devices.map((s) => record(s, "message:update"));
    const acks = await Promise.all(
      Array.from({ length: 12 }, (_, i) => call(i % 2 ? a2 : a1, "message:edit", { channelId: groupId, seq: m.seq, body: `edit ${i}` })),
    );
    expect(acks.every((x) => x.ok)).toBe(true);
    // Each edit took its own version: the row lock ordered them.
    expect(new Set(acks.map((x) => x.message.version)).size).toBe(12);
    const final = (await history(bob)).find((x) => x.seq === m.seq)!;
    const newest = acks.reduce((x, y) => (y.message.version > x.message.version ? y : x)).message;
    expect(final).toEqual(newest);
    await waitFor(() => updates.every((u) => u.length === 12), 5000, "all updates");
    // A device keeps the copy with the highest version (events may arrive out of version order).
    for (const u of updates) expect(u.reduce((x, y) => (y.version > x.version ? y : x))).toEqual(final);
  });
});

describe("message:delete", () => {
  it("leaves a tombstone: seq kept, content gone from history, search, mentions, reactions and storage", async () => {
    const a = await connectDevice(srv, { token: alice.token });
    const b = await connectDevice(srv, { token: bob.token });
    const m = await send(a, "the xylophone secret, @Bob");
    expect((await call(b, "reaction", { channelId: groupId, seq: m.seq, emoji: "👍", on: true })).ok).toBe(true);
    const updates = record(b, "message:update");
    const ack = await call(a, "message:delete", { channelId: groupId, seq: m.seq });
    expect(ack.ok).toBe(true);
    const gone: Message = ack.message;
    expect(gone).toMatchObject({ seq: m.seq, body: "", reactions: [], attachments: [], senderId: alice.id });
    expect(gone.deletedAt).not.toBeNull();
    await waitFor(() => updates.length === 1, 5000, "message:update");
    expect(updates[0]).toEqual(gone);
    expect((await history(bob)).find((x) => x.seq === m.seq)).toEqual(gone);
    const found = await api(srv, "GET", `/api/search?q=xylophone`, { token: bob.token });
    expect(found.body.results).toEqual([]);
    const mentions = await api(srv, "GET", "/api/mentions", { token: bob.token });
    expect(mentions.body.results.map((r: { message: Message }) => r.message.seq)).not.toContain(m.seq);
    const rows = await srv.app.services.db.$queryRaw<{ body: string; search: unknown; n: number }[]>`
      SELECT body, search::text AS search, (SELECT count(*)::int FROM "Reaction" r WHERE r."channelId" = m."channelId" AND r.seq = m.seq) AS n
      FROM "Message" m WHERE "channelId" = ${groupId} AND seq = ${m.seq}`;
    expect(rows).toEqual([{ body: "", search: null, n: 0 }]);

    // Deleting again changes nothing and answers the same.
    const again = await call(a, "message:delete", { channelId: groupId, seq: m.seq });
    expect(again.message).toEqual(gone);
    expect(errorCode(await call(b, "reaction", { channelId: groupId, seq: m.seq, emoji: "👍", on: true }))).toBe("not_found");
    await settle();
    expect(updates.length).toBe(1);
  });

  it("in a group: the sender, the owner and an admin may; a plain member may not delete others'", async () => {
    const a = await connectDevice(srv, { token: alice.token });
    const b = await connectDevice(srv, { token: bob.token });
    const c = await connectDevice(srv, { token: carol.token });
    const o = await connectDevice(srv, { token: outsider.token });
    const ofAlice = await send(a, "alice's");
    const ofBob1 = await send(b, "bob's one");
    const ofBob2 = await send(b, "bob's two");
    const ofCarol = await send(c, "carol's");
    expect(errorCode(await call(b, "message:delete", { channelId: groupId, seq: ofAlice.seq }))).toBe("forbidden");
    expect(errorCode(await call(o, "message:delete", { channelId: groupId, seq: ofAlice.seq }))).toBe("forbidden");
    expect(errorCode(await call(a, "message:delete", { channelId: groupId, seq: 99_999 }))).toBe("not_found");
    expect((await history(alice)).find((x) => x.seq === ofAlice.seq)!.deletedAt).toBeNull();
    expect((await call(a, "message:delete", { channelId: groupId, seq: ofBob1.seq })).message.deletedAt).not.toBeNull(); // owner
    expect((await call(c, "message:delete", { channelId: groupId, seq: ofBob2.seq })).message.deletedAt).not.toBeNull(); // admin
    expect((await call(c, "message:delete", { channelId: groupId, seq: ofAlice.seq })).message.deletedAt).not.toBeNull(); // admin, the owner's
    expect((await call(c, "message:delete", { channelId: groupId, seq: ofCarol.seq })).message.deletedAt).not.toBeNull(); // own
  });

  it("in a direct channel only the sender deletes (no admins there)", async () => {
    const a = await connectDevice(srv, { token: alice.token });
    const b = await connectDevice(srv, { token: bob.token });
    const m = await send(b, "bob to alice", {}, directId);
    expect(errorCode(await call(a, "message:delete", { channelId: directId, seq: m.seq }))).toBe("forbidden");
    expect((await call(b, "message:delete", { channelId: directId, seq: m.seq })).ok).toBe(true);
  });
});

describe("reaction", () => {
  it("adds and removes; doing what is done changes nothing; emoji keep the order they first appeared", async () => {
    const a = await connectDevice(srv, { token: alice.token });
    const b = await connectDevice(srv, { token: bob.token });
    const m = await send(a, "react to me");
    const updates = record(a, "message:update");
    const r = (s: ClientSocket, emoji: string, on: boolean) => call(s, "reaction", { channelId: groupId, seq: m.seq, emoji, on });

    const first = (await r(a, "👍", true)).message as Message;
    expect(first.reactions).toEqual([{ emoji: "👍", userIds: [alice.id] }]);
    expect(first.version).toBeGreaterThan(m.version);
    const same = (await r(a, "👍", true)).message as Message;
    expect(same).toEqual(first);
    await r(b, "❤️", true);
    await r(b, "👍🏽", true);
    const many = (await r(b, "👍", true)).message as Message;
    expect(many.reactions).toEqual([
      { emoji: "👍", userIds: [alice.id, bob.id] },
      { emoji: "❤️", userIds: [bob.id] },
      { emoji: "👍🏽", userIds: [bob.id] },
    ]);
    // ❤ without U+FE0F is the same reaction as ❤️.
    expect((await r(a, "❤", true)).message.reactions[1]).toEqual({ emoji: "❤️", userIds: [bob.id, alice.id] });
    await r(b, "❤️", false);
    await r(a, "❤️", false);
    const off = (await r(a, "❤️", false)).message as Message;
    expect(off.reactions).toEqual([
      { emoji: "👍", userIds: [alice.id, bob.id] },
      { emoji: "👍🏽", userIds: [bob.id] },
    ]);
    // Seven calls changed something; two did nothing and sent nothing.
    await waitFor(() => updates.length === 7, 5000, "updates");
    await settle();
    expect(updates.length).toBe(7);
    expect(updates.at(-1)).toEqual(off);
    expect((await history(carol)).find((x) => x.seq === m.seq)).toEqual(off);
  });

  it("accepts exactly one emoji (ZWJ sequences, flags, keycaps) and refuses anything else", async () => {
    const a = await connectDevice(srv, { token: alice.token });
    const m = await send(a, "emoji test");
    for (const emoji of ["👨‍👩‍👧", "🇰🇷", "#️⃣", "🧑🏾‍💻"]) {
      expect((await call(a, "reaction", { channelId: groupId, seq: m.seq, emoji, on: true })).ok, emoji).toBe(true);
    }
    for (const emoji of ["a", "👍👍", "", "👍 ", ":+1:", "\u0000", "1", "x".repeat(100), 5]) {
      expect(errorCode(await call(a, "reaction", { channelId: groupId, seq: m.seq, emoji, on: true })), String(emoji)).toBe("invalid");
    }
    expect(errorCode(await call(a, "reaction", { channelId: groupId, seq: m.seq, emoji: "👍" }))).toBe("invalid");
  });

  it("a 21st different emoji is invalid; another person may still join one of the 20", async () => {
    const a = await connectDevice(srv, { token: alice.token });
    const b = await connectDevice(srv, { token: bob.token });
    const m = await send(a, "popular");
    const emoji = [..."😀😁😂🤣😃😄😅😆😉😊😋😎😍😘🥰😗😙🥲😚🙂"];
    expect(emoji.length).toBe(20);
    for (const e of emoji) expect((await call(a, "reaction", { channelId: groupId, seq: m.seq, emoji: e, on: true })).ok).toBe(true);
    const version = await channelVersion(alice);
    expect(errorCode(await call(b, "reaction", { channelId: groupId, seq: m.seq, emoji: "🤔", on: true }))).toBe("invalid");
    expect(await channelVersion(alice)).toBe(version);
    const joined = await call(b, "reaction", { channelId: groupId, seq: m.seq, emoji: "🙂", on: true });
    expect(joined.message.reactions).toHaveLength(20);
    expect(joined.message.reactions[19]).toEqual({ emoji: "🙂", userIds: [alice.id, bob.id] });
  });

  it("not a member: forbidden; unknown channel or message: not_found", async () => {
    const a = await connectDevice(srv, { token: alice.token });
    const o = await connectDevice(srv, { token: outsider.token });
    const m = await send(a, "members only");
    expect(errorCode(await call(o, "reaction", { channelId: groupId, seq: m.seq, emoji: "👍", on: true }))).toBe("forbidden");
    expect(errorCode(await call(o, "reaction", { channelId: "nope", seq: 1, emoji: "👍", on: true }))).toBe("not_found");
    expect(errorCode(await call(a, "reaction", { channelId: groupId, seq: m.seq + 1000, emoji: "👍", on: true }))).toBe("not_found");
    expect((await history(alice)).find((x) => x.seq === m.seq)!.reactions).toEqual([]);
  });
});
