// The device's store in IndexedDB (through `idb`): one database per signed-in user, deleted at
// log-out. Schema (version 2):
//   channels  key id                      StoredChannel (the channel as last seen: lastSeq, lastReadSeq, ...)
//   messages  key [channelId, seq]        Message (range scans per channel, in seq order)
//   cursors   key channelId               StoredCursor {channelId, seq, baseline, version}
//   outbox    key clientMsgId             OutboxItem (sent when connected, until acknowledged)
//   changes   key id                      PendingChange: edits, deletes, reactions not yet acknowledged (v2)
//   users     key id                      User (names shown offline)
//   meta      out-of-line keys            "listed": the channel list came from the server once
import { type DBSchema, deleteDB, type IDBPDatabase, openDB } from "idb";
import type { Message, User } from "@/lib/contract/models";
import {
  type ChatLocalStore,
  contiguousSeq,
  type DeviceSnapshot,
  keepNewer,
  laterCursor,
  type PendingChange,
  type DeviceWrite,
  type OutboxItem,
  type StoredChannel,
  type StoredCursor,
} from "./local-store";

interface DeviceDb extends DBSchema {
  channels: { key: string; value: StoredChannel };
  messages: { key: [string, number]; value: Message };
  cursors: { key: string; value: StoredCursor };
  outbox: { key: string; value: OutboxItem };
  changes: { key: string; value: PendingChange };
  users: { key: string; value: User };
  meta: { key: string; value: boolean };
}

type StoreName = "channels" | "messages" | "cursors" | "outbox" | "changes" | "users" | "meta";

export const DEVICE_DB_VERSION = 2;

/** The database of one user on this device (e2e tests open it by this name). */
export function deviceDbName(userId: string): string {
  return `chat-device-${userId}`;
}

/** A channel's messages with seq in [from, to]. */
const seqRange = (channelId: string, from: number, to: number) => IDBKeyRange.bound([channelId, from], [channelId, to]);

export function indexedDbAvailable(): boolean {
  return typeof indexedDB !== "undefined";
}

function byChannel(list: readonly Message[]): Map<string, Message[]> {
  const out = new Map<string, Message[]>();
  for (const m of list) {
    const l = out.get(m.channelId);
    if (l) l.push(m);
    else out.set(m.channelId, [m]);
  }
  return out;
}

export async function openIndexedDbStore(userId: string): Promise<ChatLocalStore> {
  const name = deviceDbName(userId);
  let db: IDBPDatabase<DeviceDb> | null = null;
  db = await openDB<DeviceDb>(name, DEVICE_DB_VERSION, {
    upgrade(up, oldVersion) {
      if (oldVersion < 1) {
        up.createObjectStore("channels", { keyPath: "id" });
        up.createObjectStore("messages", { keyPath: ["channelId", "seq"] });
        up.createObjectStore("cursors", { keyPath: "channelId" });
        up.createObjectStore("outbox", { keyPath: "clientMsgId" });
        up.createObjectStore("users", { keyPath: "id" });
        up.createObjectStore("meta");
      }
      // Version 2: messages change (edits, deletes, reactions); their outbox. Cursors without a
      // version count as 0: the next sync sends every change to the messages held, once.
      if (oldVersion < 2) up.createObjectStore("changes", { keyPath: "id" });
    },
    // Another tab deletes the database (log-out) or upgrades it: let it.
    blocking() {
      db?.close();
      db = null;
    },
  });

  const open = (): IDBPDatabase<DeviceDb> => {
    if (!db) throw new Error("the device database was closed");
    return db;
  };

  return {
    kind: "indexeddb",

    async load(): Promise<DeviceSnapshot> {
      const tx = open().transaction(["channels", "messages", "cursors", "outbox", "changes", "users", "meta"], "readonly");
      const messages = tx.objectStore("messages");
      const [channels, stored, outbox, changes, users, listed] = await Promise.all([
        tx.objectStore("channels").getAll(),
        tx.objectStore("cursors").getAll(),
        tx.objectStore("outbox").getAll(),
        tx.objectStore("changes").getAll(),
        tx.objectStore("users").getAll(),
        tx.objectStore("meta").get("listed"),
      ]);
      const heldAhead: Record<string, number[]> = {};
      const cursors = await Promise.all(
        stored.map(async (c): Promise<StoredCursor> => {
          let seq = c.seq;
          if (seq > c.baseline) {
            // Everything the cursor counts must be here; if not, only what is.
            const n = await messages.count(seqRange(c.channelId, c.baseline + 1, seq));
            if (n !== seq - c.baseline) {
              const keys = await messages.getAllKeys(seqRange(c.channelId, c.baseline + 1, seq));
              seq = contiguousSeq(c.baseline, keys.map((k) => k[1]));
            }
          } else {
            seq = c.baseline;
          }
          const above = await messages.getAllKeys(seqRange(c.channelId, seq + 1, Infinity));
          if (above.length) heldAhead[c.channelId] = above.map((k) => k[1]);
          return { channelId: c.channelId, seq, baseline: c.baseline, version: c.version ?? 0 };
        }),
      );
      await tx.done;
      outbox.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
      changes.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
      return { channels, cursors, heldAhead, outbox, changes, users, listed: listed === true };
    },

    async loadMessages(channelId, { limit, before }) {
      const tx = open().transaction("messages", "readonly");
      const out: Message[] = [];
      let cursor = await tx.store.openCursor(seqRange(channelId, -Infinity, before === undefined ? Infinity : before - 1), "prev");
      while (cursor && out.length < limit) {
        out.push(cursor.value);
        cursor = await cursor.continue();
      }
      await tx.done;
      return out.reverse();
    },

    async write(w: DeviceWrite) {
      const names = new Set<StoreName>();
      if (w.messages?.length) names.add("messages");
      if (w.cursors?.length) names.add("cursors");
      if (w.channels?.length) names.add("channels");
      if (w.dropChannels?.length) ["channels", "cursors", "messages", "outbox", "changes"].forEach((n) => names.add(n as StoreName));
      if (w.outbox?.length || w.dropOutbox?.length) names.add("outbox");
      if (w.changes?.length || w.dropChanges?.length) names.add("changes");
      if (w.users?.length) names.add("users");
      if (w.listed) names.add("meta");
      if (names.size === 0) return;
      const tx = open().transaction([...names], "readwrite");
      const work: Promise<unknown>[] = [];
      for (const id of w.dropChannels ?? []) {
        work.push(tx.objectStore("channels").delete(id));
        work.push(tx.objectStore("cursors").delete(id));
        work.push(tx.objectStore("messages").delete(seqRange(id, -Infinity, Infinity)));
        work.push(
          (async () => {
            const items = await tx.objectStore("outbox").getAll();
            await Promise.all(items.filter((i) => i.channelId === id).map((i) => tx.objectStore("outbox").delete(i.clientMsgId)));
            const changes = await tx.objectStore("changes").getAll();
            await Promise.all(changes.filter((c) => c.channelId === id).map((c) => tx.objectStore("changes").delete(c.id)));
          })(),
        );
      }
      // A copy older than the one held (a late answer) does not overwrite it. The held copies are
      // read with one range read per channel (not one per message: sync pages hold 1,000).
      for (const [channelId, list] of byChannel(w.messages ?? [])) {
        const store = tx.objectStore("messages");
        let lo = Infinity;
        let hi = -Infinity;
        for (const m of list) {
          lo = Math.min(lo, m.seq);
          hi = Math.max(hi, m.seq);
        }
        // Scattered seqs (changes to old and new messages) are read one by one instead.
        const held =
          hi - lo < 4 * list.length
            ? store.getAll(seqRange(channelId, lo, hi))
            : Promise.all(list.map((m) => store.get([channelId, m.seq]))).then((l) => l.filter((h) => h !== undefined));
        work.push(
          held.then((copies) => {
            const bySeq = new Map(copies.map((h) => [h.seq, h]));
            return Promise.all(list.filter((m) => keepNewer(bySeq.get(m.seq), m)).map((m) => store.put(m)));
          }),
        );
      }
      for (const c of w.cursors ?? []) {
        const store = tx.objectStore("cursors");
        work.push(store.get(c.channelId).then((old) => store.put(laterCursor(old, c))));
      }
      for (const c of w.channels ?? []) work.push(tx.objectStore("channels").put(c));
      for (const item of w.outbox ?? []) work.push(tx.objectStore("outbox").put(item));
      for (const id of w.dropOutbox ?? []) work.push(tx.objectStore("outbox").delete(id));
      for (const c of w.changes ?? []) work.push(tx.objectStore("changes").put(c));
      for (const id of w.dropChanges ?? []) work.push(tx.objectStore("changes").delete(id));
      for (const u of w.users ?? []) work.push(tx.objectStore("users").put(u));
      if (w.listed) work.push(tx.objectStore("meta").put(true, "listed"));
      await Promise.all([...work, tx.done]);
    },

    close() {
      db?.close();
      db = null;
    },

    async destroy() {
      db?.close();
      db = null;
      await deleteDeviceDatabase(userId);
    },
  };
}

/** Deletes a user's database; other tabs holding it open close it when asked (see `blocking`). */
export async function deleteDeviceDatabase(userId: string): Promise<void> {
  if (!indexedDbAvailable()) return;
  await Promise.race([deleteDB(deviceDbName(userId)), new Promise((r) => setTimeout(r, 3_000))]);
}
