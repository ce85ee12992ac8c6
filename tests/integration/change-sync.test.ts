// Catching up on changes with `{seq, version}` sync cursors, and read receipts (PROTOCOL.md part
// two). Real sockets against the real app and database.
import { randomUUID } from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { ChannelView, Message, SyncResult } from "../../lib/contract/models";
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

beforeAll(async () => {
  srv = await startTestServer();
  [alice, bob] = await Promise.all([signUp(srv, "Alice"), signUp(srv, "Bob")]);
});
afterAll(() => srv?.stop());
afterEach(() => closeAllDevices());

const group = async (name: string, owner = alice, others = [bob]) => {
  const r = await api(srv, "POST", "/api/channels", { token: owner.token, body: { kind: "group", name, memberIds: others.map((u) => u.id) } });
  expect(r.status).toBe(201);
  return r.body.channel.id as string;
};
const send = async (s: ClientSocket, channelId: string, body: string): Promise<Message> => {
  const ack = await call(s, "message:send", { channelId, clientMsgId: randomUUID(), body });
  expect(ack.ok, JSON.stringify(ack)).toBe(true);
  return ack.message;
};
const ok = async (p: Promise<any>) => {
  const ack = await p;
  expect(ack.ok, JSON.stringify(ack)).toBe(true);
  return ack;
};
const history = async (u: TestUser, channelId: string): Promise<Message[]> =>
  (await api(srv, "GET", `/api/channels/${channelId}/messages?limit=200`, { token: u.token })).body.messages;

/**
 * A device's copy of its channels, kept as the protocol says: per channel the seq it holds up to
 * and the version it has applied up to; a copy of a message with a lower version than the held
 * one is ignored.
 */
class DeviceCopy {
  messages = new Map<string, Map<number, Message>>();
  cursors: Record<string, { seq: number; version: number }> = {};
  apply(m: Message) {
    const ch = this.messages.get(m.channelId) ?? new Map<number, Message>();
    this.messages.set(m.channelId, ch);
    const held = ch.get(m.seq);
    if (!held || held.version < m.version) ch.set(m.seq, m);
  }
  /** Syncs until `more` is false; returns how many calls it took. */
  async catchUp(s: ClientSocket, limit: number): Promise<number> {
    for (let calls = 1; ; calls++) {
      const r: SyncResult = await ok(call(s, "sync", { cursors: this.cursors, limit }));
      // A first sync (no cursors yet) asks for no changes.
      expect(r.updates !== undefined).toBe(Object.keys(this.cursors).length > 0);
      const updates = r.updates ?? [];
      expect(r.messages.length + updates.length).toBeLessThanOrEqual(limit);
      for (const m of [...updates, ...r.messages]) this.apply(m);
      const gotUpdates = new Map<string, number>();
      for (const m of updates) gotUpdates.set(m.channelId, Math.max(gotUpdates.get(m.channelId) ?? 0, m.version));
      for (const c of r.channels) {
        const cur = this.cursors[c.id] ?? { seq: 0, version: 0 };
        const got = r.messages.filter((m) => m.channelId === c.id).map((m) => m.seq);
        const seq = Math.max(cur.seq, ...got);
        // Done: the channel's version. Capped: the highest version among the updates received.
        const version = r.more ? Math.max(cur.version, gotUpdates.get(c.id) ?? 0) : c.version;
        this.cursors[c.id] = { seq, version };
      }
      if (!r.more) return calls;
      if (calls > 200) throw new Error("sync never finished");
    }
  }
  list(channelId: string) {
    return [...(this.messages.get(channelId)?.values() ?? [])].sort((x, y) => x.seq - y.seq);
  }
}

describe("sync with {seq, version} cursors", () => {
  it("an offline device catches up edits, deletes and reactions, in version order, before new messages", async () => {
    const channelId = await group("Catch-up");
    const a = await connectDevice(srv, { token: alice.token });
    const b = await connectDevice(srv, { token: bob.token });
    const m1 = await send(a, channelId, "one");
    const m2 = await send(a, channelId, "two");
    const m3 = await send(a, channelId, "three");
    const copy = new DeviceCopy();
    await copy.catchUp(b, 500);
    expect(copy.cursors[channelId]).toEqual({ seq: m3.seq, version: m3.version });
    b.disconnect();

    // While bob's device is away:
    await ok(call(a, "message:edit", { channelId, seq: m1.seq, body: "one, edited" }));
    await ok(call(a, "reaction", { channelId, seq: m2.seq, emoji: "🎉", on: true }));
    await ok(call(a, "message:delete", { channelId, seq: m3.seq }));
    await ok(call(a, "message:edit", { channelId, seq: m1.seq, body: "one, edited twice" }));
    const m4 = await send(a, channelId, "four");

    const b2 = await connectDevice(srv, { token: bob.token });
    const r: SyncResult = await ok(call(b2, "sync", { cursors: { [channelId]: copy.cursors[channelId] } }));
    // Each changed message once, as it is now, in the order of its last change.
    expect(r.updates!.map((m) => [m.seq, m.body])).toEqual([
      [m2.seq, "two"],
      [m3.seq, ""],
      [m1.seq, "one, edited twice"],
    ]);
    expect(r.updates!.map((m) => m.version)).toEqual([...r.updates!.map((m) => m.version)].sort((x, y) => x - y));
    expect(r.updates![0]!.reactions).toEqual([{ emoji: "🎉", userIds: [alice.id] }]);
    expect(r.updates![1]!.deletedAt).not.toBeNull();
    expect(r.messages.filter((m) => m.channelId === channelId).map((m) => m.seq)).toEqual([m4.seq]);
    expect(r.more).toBe(false);
    const view = r.channels.find((c) => c.id === channelId) as ChannelView;
    expect(view.version).toBe(m4.version);

    // Nothing changed since: nothing comes.
    const again: SyncResult = await ok(call(b2, "sync", { cursors: { [channelId]: { seq: m4.seq, version: m4.version } } }));
    expect(again.updates!.filter((m) => m.channelId === channelId)).toEqual([]);
    expect(again.messages.filter((m) => m.channelId === channelId)).toEqual([]);
  });

  it("a plain number still means new messages only (no `updates`); `updates` comes whenever any cursor is an object", async () => {
    const channelId = await group("Plain");
    const a = await connectDevice(srv, { token: alice.token });
    const m1 = await send(a, channelId, "x");
    await ok(call(a, "message:edit", { channelId, seq: m1.seq, body: "y" }));
    const plain: SyncResult = await ok(call(a, "sync", { cursors: { [channelId]: m1.seq } }));
    expect(plain.updates).toBeUndefined();
    const foreign: SyncResult = await ok(call(a, "sync", { cursors: { [channelId]: m1.seq, "not-my-channel": { seq: 1, version: 0 } } }));
    expect(foreign.updates).toEqual([]);
    for (const cursor of [{ seq: 1 }, { seq: -1, version: 0 }, { seq: 1, version: "0" }, [1, 0]]) {
      const bad = await call(a, "sync", { cursors: { [channelId]: cursor } });
      expect(bad.ok, JSON.stringify(cursor)).toBe(false);
      expect(bad.error.code).toBe("invalid");
    }
  });

  it("pages with `more`: limit counts updates and new messages, and the device ends with every message as it is", async () => {
    const channels = [await group("Page 1"), await group("Page 2"), await group("Page 3")];
    const a = await connectDevice(srv, { token: alice.token });
    const b = await connectDevice(srv, { token: bob.token });
    for (const c of channels) for (let i = 0; i < 8; i++) await send(a, c, `${c} #${i}`);
    const copy = new DeviceCopy();
    await copy.catchUp(b, 1000);
    b.disconnect();

    for (const c of channels) {
      for (let seq = 1; seq <= 8; seq += 2) await ok(call(a, "message:edit", { channelId: c, seq, body: `edited ${seq}` }));
      await ok(call(a, "reaction", { channelId: c, seq: 2, emoji: "👀", on: true }));
      await ok(call(a, "message:delete", { channelId: c, seq: 4 }));
      await ok(call(a, "reaction", { channelId: c, seq: 1, emoji: "👀", on: true }));
      for (let i = 8; i < 13; i++) await send(a, c, `${c} #${i}`);
    }
    const b2 = await connectDevice(srv, { token: bob.token });
    const calls = await copy.catchUp(b2, 3);
    // 3 channels × (6 changed messages + 5 new) = 33 items at most 3 a page.
    expect(calls).toBeGreaterThanOrEqual(11);
    for (const c of channels) expect(copy.list(c)).toEqual(await history(bob, c));
  });
});

describe("read receipts", () => {
  const members = async (viewer: TestUser, channelId: string) => {
    const r = await api(srv, "GET", `/api/channels/${channelId}/members`, { token: viewer.token });
    expect(r.status).toBe(200);
    return Object.fromEntries(r.body.members.map((m: { userId: string; lastReadSeq: number | null }) => [m.userId, m.lastReadSeq]));
  };

  it("members show how far each has read; a user with receipts off shows null to others and sends them no read events", async () => {
    const carol = await signUp(srv, "Carol");
    const channelId = await group("Receipts", alice, [carol]);
    const a = await connectDevice(srv, { token: alice.token });
    const c1 = await connectDevice(srv, { token: carol.token });
    const c2 = await connectDevice(srv, { token: carol.token });
    await send(a, channelId, "one");
    const m2 = await send(a, channelId, "two");
    expect(await members(carol, channelId)).toEqual({ [alice.id]: m2.seq, [carol.id]: 0 });

    const aliceReads = record(a, "read");
    await ok(call(c1, "read", { channelId, seq: 1 }));
    await waitFor(() => aliceReads.some((r) => r.userId === carol.id), 5000, "carol's read at alice");
    expect(aliceReads.filter((r) => r.userId === carol.id)).toEqual([{ channelId, userId: carol.id, seq: 1 }]);
    expect((await members(alice, channelId))[carol.id]).toBe(1);

    const off = await api(srv, "PATCH", "/api/me", { token: carol.token, body: { readReceipts: false } });
    expect(off.status).toBe(200);
    expect(off.body.user).toMatchObject({ id: carol.id, readReceipts: false, notificationPreviews: true });
    // Any device of hers reads her settings back, as they are now.
    const me = await api(srv, "GET", "/api/me", { token: carol.token });
    expect(me.body.user).toMatchObject({ id: carol.id, readReceipts: false, notificationPreviews: true });
    const carolOther = record(c2, "read");
    await ok(call(c1, "read", { channelId, seq: m2.seq }));
    // Carol's own devices still follow her read state; alice hears nothing and sees null.
    await waitFor(() => carolOther.length === 1, 5000, "carol's read on her other device");
    expect(carolOther[0]).toEqual({ channelId, userId: carol.id, seq: m2.seq });
    expect(await members(alice, channelId)).toEqual({ [alice.id]: m2.seq, [carol.id]: null });
    expect(await members(carol, channelId)).toEqual({ [alice.id]: m2.seq, [carol.id]: m2.seq });
    await new Promise((r) => setTimeout(r, 300));
    expect(aliceReads.filter((r) => r.userId === carol.id)).toHaveLength(1);

    const on = await api(srv, "PATCH", "/api/me", { token: carol.token, body: { readReceipts: true } });
    expect(on.body.user.readReceipts).toBe(true);
    expect((await members(alice, channelId))[carol.id]).toBe(m2.seq);
  });

  it("PATCH /api/me stays strict", async () => {
    for (const body of [{}, { readReceipts: "no" }, { readReceipts: false, colour: "red" }, { notificationPreviews: null }]) {
      const r = await api(srv, "PATCH", "/api/me", { token: bob.token, body });
      expect(r.status, JSON.stringify(body)).toBe(400);
    }
    const both = await api(srv, "PATCH", "/api/me", { token: bob.token, body: { readReceipts: true, notificationPreviews: false } });
    expect(both.body.user).toMatchObject({ readReceipts: true, notificationPreviews: false });
  });
});
