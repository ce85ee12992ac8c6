import "fake-indexeddb/auto";
import { afterEach, describe, expect, it } from "vitest";
import type { Message } from "@/lib/contract/models";
import { deleteDeviceDatabase, deviceDbName, openIndexedDbStore } from "./indexeddb-store";
import type { ChatLocalStore, StoredChannel } from "./local-store";

let n = 0;
const users: string[] = [];
function newUser(): string {
  const id = `user-${++n}-${Math.random().toString(36).slice(2)}`;
  users.push(id);
  return id;
}

afterEach(async () => {
  for (const id of users.splice(0)) await deleteDeviceDatabase(id);
});

const msg = (channelId: string, seq: number, extra: Partial<Message> = {}): Message => ({
  channelId,
  seq,
  senderId: "s",
  body: `${channelId} #${seq}`,
  clientMsgId: `${channelId}-${seq}`,
  createdAt: new Date(Date.UTC(2026, 0, 1, 0, 0, seq)).toISOString(),
  replyTo: null, editedAt: null, deletedAt: null, reactions: [], attachments: [], version: seq,
  ...extra,
});
const msgs = (channelId: string, from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => msg(channelId, from + i));

const channel = (id: string, lastSeq: number, lastReadSeq = 0): StoredChannel => ({
  id,
  kind: "group",
  name: id,
  memberIds: ["me", "s"],
  lastSeq,
  version: lastSeq,
  lastReadSeq,
  unread: lastSeq - lastReadSeq,
  createdAt: "2026-01-01T00:00:00.000Z",
  activityAt: "2026-01-01T00:00:00.000Z",
});

async function reopen(store: ChatLocalStore, userId: string): Promise<ChatLocalStore> {
  store.close();
  return openIndexedDbStore(userId);
}

describe("the IndexedDB device store", () => {
  it("keeps channels, messages, cursors, the outbox and names across a reopen", async () => {
    const me = newUser();
    let store = await openIndexedDbStore(me);
    expect(await store.load()).toEqual({ channels: [], cursors: [], heldAhead: {}, outbox: [], changes: [], users: [], listed: false });
    await store.write({
      channels: [channel("a", 3, 1)],
      messages: msgs("a", 1, 3),
      cursors: [{ channelId: "a", seq: 3, baseline: 0 }],
      outbox: [{ clientMsgId: "k1", channelId: "a", body: "hi", createdAt: "2026-01-02T00:00:00.000Z", state: "sending" }],
      users: [{ id: "s", name: "Sam" }],
      listed: true,
    });
    store = await reopen(store, me);
    const snap = await store.load();
    expect(snap.channels).toEqual([channel("a", 3, 1)]);
    expect(snap.cursors).toEqual([{ channelId: "a", seq: 3, baseline: 0, version: 0 }]);
    expect(snap.heldAhead).toEqual({});
    expect(snap.outbox.map((o) => o.clientMsgId)).toEqual(["k1"]);
    expect(snap.users).toEqual([{ id: "s", name: "Sam" }]);
    expect(snap.listed).toBe(true);
    expect(await store.loadMessages("a", { limit: 10 })).toEqual(msgs("a", 1, 3));
    store.close();
  });

  it("pages messages by seq within one channel", async () => {
    const me = newUser();
    const store = await openIndexedDbStore(me);
    await store.write({ messages: [...msgs("a", 1, 120), ...msgs("b", 1, 5), ...msgs("a-", 1, 3)] });
    expect((await store.loadMessages("a", { limit: 50 })).map((m) => m.seq)).toEqual(Array.from({ length: 50 }, (_, i) => 71 + i));
    expect((await store.loadMessages("a", { limit: 50, before: 71 })).map((m) => m.seq)).toEqual(
      Array.from({ length: 50 }, (_, i) => 21 + i),
    );
    expect((await store.loadMessages("a", { limit: 50, before: 21 })).map((m) => m.seq)).toEqual(Array.from({ length: 20 }, (_, i) => 1 + i));
    expect(await store.loadMessages("b", { limit: 50, before: 1 })).toEqual([]);
    expect(await store.loadMessages("nope", { limit: 50 })).toEqual([]);
    store.close();
  });

  it("never trusts a stored cursor beyond the messages held", async () => {
    const me = newUser();
    const store = await openIndexedDbStore(me);
    // Cursor 10 claims 1..10, but 6 is missing; 12 is held after a gap.
    await store.write({
      messages: [...msgs("a", 1, 5), ...msgs("a", 7, 10), msg("a", 12)],
      cursors: [
        { channelId: "a", seq: 10, baseline: 0 },
        { channelId: "b", seq: 50, baseline: 40 },
      ],
    });
    const snap = await store.load();
    expect(snap.cursors).toEqual([
      { channelId: "a", seq: 5, baseline: 0, version: 0 },
      { channelId: "b", seq: 40, baseline: 40, version: 0 },
    ]);
    expect(snap.heldAhead).toEqual({ a: [7, 8, 9, 10, 12] });
    store.close();
  });

  it("stores a cursor as the higher of the held and the written one", async () => {
    const me = newUser();
    const store = await openIndexedDbStore(me);
    await store.write({ messages: msgs("a", 1, 8), cursors: [{ channelId: "a", seq: 8, baseline: 0 }] });
    await store.write({ cursors: [{ channelId: "a", seq: 4, baseline: 3 }] });
    expect((await store.load()).cursors).toEqual([{ channelId: "a", seq: 8, baseline: 0, version: 0 }]);
    store.close();
  });

  it("drops a channel with its cursor, messages and outbox, and nothing else", async () => {
    const me = newUser();
    const store = await openIndexedDbStore(me);
    await store.write({
      channels: [channel("a", 2), channel("ab", 1)],
      messages: [...msgs("a", 1, 2), ...msgs("ab", 1, 1)],
      cursors: [
        { channelId: "a", seq: 2, baseline: 0 },
        { channelId: "ab", seq: 1, baseline: 0 },
      ],
      outbox: [
        { clientMsgId: "x", channelId: "a", body: "x", createdAt: "2026-01-01T00:00:00.000Z", state: "failed", error: "no" },
        { clientMsgId: "y", channelId: "ab", body: "y", createdAt: "2026-01-01T00:00:00.000Z", state: "sending" },
      ],
    });
    await store.write({ dropChannels: ["a"] });
    const snap = await store.load();
    expect(snap.channels.map((c) => c.id)).toEqual(["ab"]);
    expect(snap.cursors.map((c) => c.channelId)).toEqual(["ab"]);
    expect(snap.outbox.map((o) => o.clientMsgId)).toEqual(["y"]);
    expect(await store.loadMessages("a", { limit: 10 })).toEqual([]);
    expect(await store.loadMessages("ab", { limit: 10 })).toHaveLength(1);
    store.close();
  });

  it("is one database per user, deleted at log-out", async () => {
    const [ann, bob] = [newUser(), newUser()];
    const a = await openIndexedDbStore(ann);
    const b = await openIndexedDbStore(bob);
    await a.write({ messages: msgs("a", 1, 1) });
    expect(await b.loadMessages("a", { limit: 5 })).toEqual([]);
    await a.destroy();
    const names = (await indexedDB.databases()).map((d) => d.name);
    expect(names).not.toContain(deviceDbName(ann));
    expect(names).toContain(deviceDbName(bob));
    const again = await openIndexedDbStore(ann);
    expect((await again.load()).channels).toEqual([]);
    expect(await again.loadMessages("a", { limit: 5 })).toEqual([]);
    again.close();
    b.close();
  });

  it("lets another tab delete the database it holds open", async () => {
    const me = newUser();
    const other = await openIndexedDbStore(me);
    const mine = await openIndexedDbStore(me);
    await mine.destroy();
    expect((await indexedDB.databases()).map((d) => d.name)).not.toContain(deviceDbName(me));
    await expect(other.load()).rejects.toThrow();
  });

  it("keeps the newer copy of a changed message, cursor versions, and pending changes", async () => {
    const me = newUser();
    let store = await openIndexedDbStore(me);
    const edited = msg("a", 1, { body: "edited", editedAt: "2026-01-03T00:00:00.000Z", version: 5 });
    await store.write({ messages: [edited], cursors: [{ channelId: "a", seq: 1, baseline: 0, version: 5 }] });
    // A late answer with the copy from before the edit changes nothing.
    await store.write({ messages: [msg("a", 1)], cursors: [{ channelId: "a", seq: 1, baseline: 0, version: 2 }] });
    const change = { id: "x1", channelId: "a", seq: 1, createdAt: "2026-01-04T00:00:00.000Z", kind: "reaction" as const, emoji: "👍", on: true };
    await store.write({ changes: [change] });
    store = await reopen(store, me);
    expect(await store.loadMessages("a", { limit: 10 })).toEqual([edited]);
    const snap = await store.load();
    expect(snap.cursors).toEqual([{ channelId: "a", seq: 1, baseline: 0, version: 5 }]);
    expect(snap.changes).toEqual([change]);
    // Scattered seqs (read one by one) and a run (read as a range) alike.
    await store.write({ messages: [msg("a", 2, { version: 9 }), msg("a", 50, { version: 9 })] });
    await store.write({ messages: [msg("a", 2, { version: 3, body: "old" }), msg("a", 50, { version: 3, body: "old" }), msg("a", 51, { version: 4 })] });
    expect((await store.loadMessages("a", { limit: 10 })).map((m) => [m.seq, m.version])).toEqual([
      [1, 5],
      [2, 9],
      [50, 9],
      [51, 4],
    ]);
    await store.write({ dropChanges: ["x1"] });
    expect((await store.load()).changes).toEqual([]);
    store.close();
  });

  it("opens a database of the first version (no changes store) and keeps what it holds", async () => {
    const me = newUser();
    const { openDB } = await import("idb");
    const old = await openDB(deviceDbName(me), 1, {
      upgrade(up) {
        up.createObjectStore("channels", { keyPath: "id" });
        up.createObjectStore("messages", { keyPath: ["channelId", "seq"] });
        up.createObjectStore("cursors", { keyPath: "channelId" });
        up.createObjectStore("outbox", { keyPath: "clientMsgId" });
        up.createObjectStore("users", { keyPath: "id" });
        up.createObjectStore("meta");
      },
    });
    await old.put("messages", msg("a", 1));
    await old.put("cursors", { channelId: "a", seq: 1, baseline: 0 });
    old.close();
    const store = await openIndexedDbStore(me);
    const snap = await store.load();
    expect(snap.cursors).toEqual([{ channelId: "a", seq: 1, baseline: 0, version: 0 }]);
    expect(snap.changes).toEqual([]);
    store.close();
  });
});
