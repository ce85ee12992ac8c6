import "fake-indexeddb/auto";
import fc from "fast-check";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Channel, ChannelView, Message } from "@/lib/contract/models";
import {
  closeDevice,
  deviceWritesDone,
  forgetChannel,
  gapOf,
  keepOutbox,
  openDevice,
  syncCursors,
  syncCursorsWithVersions,
  takeChannel,
  takeChannelViews,
  takeMessages,
  takeSyncVersions,
} from "./device-state";
import { deleteDeviceDatabase, openIndexedDbStore } from "./indexeddb-store";
import { contiguousSeq } from "./local-store";
import { chatStore, resetChat } from "./store";

const ME = { id: "me", name: "Me" };
let dbUser = "";

beforeEach(() => {
  // Names of senders are fetched over HTTP; not here.
  vi.stubGlobal("fetch", async () => new Response(JSON.stringify({ users: [] }), { headers: { "content-type": "application/json" } }));
  dbUser = `u-${Math.random().toString(36).slice(2)}`;
  resetChat(ME);
});

afterEach(async () => {
  closeDevice().close();
  resetChat(null);
  await deleteDeviceDatabase(dbUser);
  vi.unstubAllGlobals();
});

const msg = (channelId: string, seq: number, senderId = "s"): Message => ({
  channelId,
  seq,
  senderId,
  body: `${channelId} #${seq}`,
  clientMsgId: `${senderId}-${channelId}-${seq}`,
  createdAt: new Date(Date.UTC(2026, 0, 1, 0, 0, seq)).toISOString(),
  replyTo: null, editedAt: null, deletedAt: null, reactions: [], attachments: [], version: seq,
});

const channel = (id: string, lastSeq: number): Channel => ({
  id,
  kind: "group",
  name: id,
  memberIds: ["me", "s"],
  lastSeq,
  version: lastSeq,
  createdAt: "2026-01-01T00:00:00.000Z",
});
const view = (id: string, lastSeq: number, lastReadSeq = 0): ChannelView => ({ ...channel(id, lastSeq), lastReadSeq, unread: lastSeq - lastReadSeq });

async function openFresh() {
  const store = await openIndexedDbStore(dbUser);
  await openDevice(store);
  return store;
}

/** What the database holds for a channel, read back as a new page load would. */
async function stored(channelId: string) {
  await deviceWritesDone();
  const store = await openIndexedDbStore(dbUser);
  const snap = await store.load();
  const held = (await store.loadMessages(channelId, { limit: 100_000 })).map((m) => m.seq);
  store.close();
  return { cursor: snap.cursors.find((c) => c.channelId === channelId), held, channels: snap.channels, outbox: snap.outbox };
}

describe("device state over IndexedDB", () => {
  it("any order and duplication of deliveries leaves the same messages and cursor on the device", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 40 }),
        fc.array(fc.nat(), { minLength: 1, maxLength: 200 }),
        fc.nat({ max: 40 }),
        async (seqs, random, channelKnownAfter) => {
          let r = 0;
          const next = () => random[r++ % random.length]!;
          const deliveries = seqs.flatMap((s) => Array.from({ length: 1 + (next() % 3) }, () => msg("c", s)));
          for (let i = deliveries.length - 1; i > 0; i--) {
            const j = next() % (i + 1);
            [deliveries[i], deliveries[j]] = [deliveries[j]!, deliveries[i]!];
          }
          resetChat(ME);
          dbUser = `u-${Math.random().toString(36).slice(2)}`;
          await openFresh();
          let i = 0;
          let known = false;
          while (i < deliveries.length) {
            if (!known && i >= channelKnownAfter) {
              // Created with us: a `channel` event, lastSeq 0 then.
              takeChannel(channel("c", 0));
              known = true;
            }
            const n = 1 + (next() % 4);
            takeMessages(deliveries.slice(i, i + n));
            i += n;
          }
          if (!known) takeChannel(channel("c", 0));

          const sorted = [...seqs].sort((a, b) => a - b);
          const cursor = contiguousSeq(0, sorted);
          expect(syncCursors()).toEqual({ c: cursor });
          const after = await stored("c");
          expect(after.held).toEqual(sorted);
          expect(after.cursor).toMatchObject({ channelId: "c", seq: cursor, baseline: 0 });
          expect(chatStore.getState().messages.c?.map((m) => m.seq)).toEqual(sorted);

          // A reload picks up the same cursor and the same gap.
          closeDevice().close();
          resetChat(ME);
          await openFresh();
          expect(syncCursors()).toEqual({ c: cursor });
          const above = sorted.filter((s) => s > cursor);
          expect(gapOf("c")).toEqual(above.length ? { after: cursor, upTo: above.at(-1) } : null);
          closeDevice().close();
          await deleteDeviceDatabase(dbUser);
        },
      ),
      { numRuns: 40 },
    );
  });

  it("shows the stored channels and outbox on open, before any network", async () => {
    await openFresh();
    takeChannelViews([view("a", 500, 2), view("b", 0), view("c", 7)], { listed: true, baseline: "lastSeq" });
    keepOutbox({ clientMsgId: "k", channelId: "b", body: "written offline", createdAt: "2026-01-02T00:00:00.000Z", state: "sending" });
    await deviceWritesDone();
    await new Promise((r) => setTimeout(r, 0));
    closeDevice().close();
    resetChat(ME);
    expect(chatStore.getState().channels).toEqual({});

    await openFresh();
    const s = chatStore.getState();
    expect(s.channelsLoaded).toBe(true);
    expect(Object.keys(s.channels).sort()).toEqual(["a", "b", "c"]);
    expect(s.channels.a).toMatchObject({ lastSeq: 500, lastReadSeq: 2, unread: 498 });
    expect(s.pending.b?.map((p) => p.body)).toEqual(["written offline"]);
    // A long channel first seen in the list starts at its lastSeq: sync does not fetch its old
    // history (read by page when opened). A short one is synced whole.
    expect(syncCursors()).toEqual({ a: 500, b: 0, c: 0 });
  });

  it("a confirmed message of ours leaves the outbox in the same write", async () => {
    await openFresh();
    takeChannel(channel("c", 0));
    keepOutbox({ clientMsgId: "me-c-1", channelId: "c", body: "c #1", createdAt: "2026-01-02T00:00:00.000Z", state: "sending" });
    takeMessages([msg("c", 1, "me")]);
    const after = await stored("c");
    expect(after.outbox).toEqual([]);
    expect(after.held).toEqual([1]);
  });

  it("a channel left (or missing from a full list) goes from the device with its messages", async () => {
    await openFresh();
    takeChannelViews([view("a", 0), view("b", 0), view("c", 0)], { listed: true, baseline: "zero" });
    takeMessages([msg("a", 1), msg("b", 1), msg("c", 1)]);
    forgetChannel("a");
    // A sync answer without "b": removed while away. "d" is new: added, from seq 1.
    takeChannelViews([view("c", 1), view("d", 2)], { listed: true, baseline: "zero", knownBefore: new Set(["b", "c"]) });
    takeMessages([msg("d", 1), msg("d", 2)]);
    await new Promise((r) => setTimeout(r, 0));
    const after = await stored("a");
    expect(after.held).toEqual([]);
    expect(after.channels.map((c) => c.id).sort()).toEqual(["c", "d"]);
    expect((await stored("b")).held).toEqual([]);
    expect(syncCursors()).toEqual({ c: 1, d: 2 });
  });

  it("a changed message keeps its newest copy, on screen and on the device, whatever order copies come in", async () => {
    await openFresh();
    takeChannelViews([view("c", 0)], { listed: true, baseline: "zero" });
    takeMessages([msg("c", 1), msg("c", 2)]);
    const edited = { ...msg("c", 1), body: "edited", editedAt: "2026-01-03T00:00:00.000Z", version: 3 };
    const reacted = { ...edited, reactions: [{ emoji: "👍", userIds: ["s"] }], version: 4 };
    takeMessages([reacted]);
    // The edit's answer, and a history page from before both, arrive late.
    takeMessages([edited]);
    takeMessages([msg("c", 1), msg("c", 2)]);
    expect(chatStore.getState().messages.c?.[0]).toEqual(reacted);
    await deviceWritesDone();
    const store = await openIndexedDbStore(dbUser);
    expect((await store.loadMessages("c", { limit: 5 }))[0]).toEqual(reacted);
    store.close();
    // Versions 1, 2 (the sends) and 3 (the edit, late) each came as the next one; 4 came before 3
    // and is not counted (a sync asks for it again, harmlessly).
    expect(syncCursorsWithVersions()).toEqual({ c: { seq: 2, version: 3 } });
  });

  it("a sync answer moves the applied version: to the channel's when complete, to the updates' when capped", async () => {
    await openFresh();
    takeChannelViews([view("a", 0), view("b", 0)], { listed: true, baseline: "zero" });
    takeSyncVersions([{ id: "a", version: 9 }, { id: "b", version: 7 }], [{ ...msg("a", 1), version: 5 }], true);
    expect(syncCursorsWithVersions()).toEqual({ a: { seq: 0, version: 5 }, b: { seq: 0, version: 0 } });
    takeSyncVersions([{ id: "a", version: 9 }, { id: "b", version: 7 }], [], false);
    expect(syncCursorsWithVersions()).toEqual({ a: { seq: 0, version: 9 }, b: { seq: 0, version: 7 } });
    // Stored with the cursor: a reload asks from there.
    await deviceWritesDone();
    closeDevice().close();
    resetChat(ME);
    await openFresh();
    expect(syncCursorsWithVersions()).toEqual({ a: { seq: 0, version: 9 }, b: { seq: 0, version: 7 } });
  });

  it("a long channel first seen in the list starts from its current version", async () => {
    await openFresh();
    takeChannelViews([{ ...view("long", 500), version: 812 }], { listed: true, baseline: "lastSeq" });
    expect(syncCursorsWithVersions()).toEqual({ long: { seq: 500, version: 812 } });
  });
});
