// What a browser (a "device") holds in its IndexedDB, and the check in the spirit of Zulip's
// verify_action: after any sequence of events, the device's stored state equals a fresh fetch from
// the server (GET /api/channels and each channel's history, with a bearer token).
// The database layout is app/_client/indexeddb-store.ts's.
import { expect, type Page } from "@playwright/test";
import type { Message } from "../lib/contract/models";
import { baseURL } from "./helpers";

/** A message as the device stores it: the protocol's Message as it is. */
export type DeviceMessage = Message;

interface DeviceChannel {
  id: string;
  kind: string;
  name: string | null;
  memberIds: string[];
  lastSeq: number;
  lastReadSeq: number;
}

export interface DeviceDump {
  channels: DeviceChannel[];
  cursors: { channelId: string; seq: number; baseline: number }[];
  messages: DeviceMessage[];
  outbox: { clientMsgId: string; channelId: string; body: string; state: string }[];
  /** Edits, deletes and reactions not yet acknowledged. */
  changes: { id: string; kind: string; channelId: string; seq: number }[];
}

/** Everything the device's database holds for the user (empty when it has none). */
export async function readDevice(page: Page, userId: string): Promise<DeviceDump> {
  return page.evaluate(async (name) => {
    const empty = { channels: [], cursors: [], messages: [], outbox: [], changes: [] };
    // Opening a database that does not exist would create it (empty, at version 1) under the app.
    if (!(await indexedDB.databases()).some((d) => d.name === name)) return empty;
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open(name);
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    try {
      const stores = ["channels", "cursors", "messages", "outbox"] as const;
      if (!stores.every((s) => db.objectStoreNames.contains(s))) return empty;
      const tx = db.transaction([...stores], "readonly");
      const all = (s: string) =>
        new Promise<unknown[]>((resolve, reject) => {
          const req = tx.objectStore(s).getAll();
          req.onsuccess = () => resolve(req.result);
          req.onerror = () => reject(req.error);
        });
      const [channels, cursors, messages, outbox] = await Promise.all(stores.map(all));
      // The changes outbox exists from the database's version 2 on.
      const changes = db.objectStoreNames.contains("changes")
        ? await new Promise<unknown[]>((resolve, reject) => {
            const req = db.transaction("changes", "readonly").objectStore("changes").getAll();
            req.onsuccess = () => resolve(req.result);
            req.onerror = () => reject(req.error);
          })
        : [];
      return { channels, cursors, messages, outbox, changes } as never;
    } finally {
      db.close();
    }
  }, `chat-device-${userId}`);
}

async function api<T>(path: string, token: string): Promise<T> {
  const res = await fetch(new URL(path, baseURL()), { headers: { authorization: `Bearer ${token}` } });
  if (!res.ok) throw new Error(`GET ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** A channel's whole history from the server, ascending by seq. */
export async function serverHistory(channelId: string, token: string): Promise<DeviceMessage[]> {
  const out: DeviceMessage[] = [];
  for (;;) {
    const after = out.at(-1)?.seq ?? 0;
    const { messages } = await api<{ messages: DeviceMessage[] }>(`/api/channels/${channelId}/messages?after=${after}&limit=200`, token);
    out.push(...messages);
    if (messages.length < 200) return out;
  }
}

/** Equal as the server has it now: text, reply, edit and delete marks, reactions, files and version. */
const sameMessage = (a: DeviceMessage, b: DeviceMessage) =>
  a.channelId === b.channelId &&
  a.seq === b.seq &&
  a.senderId === b.senderId &&
  a.body === b.body &&
  a.clientMsgId === b.clientMsgId &&
  a.createdAt === b.createdAt &&
  a.replyTo === b.replyTo &&
  a.editedAt === b.editedAt &&
  a.deletedAt === b.deletedAt &&
  a.version === b.version &&
  JSON.stringify(a.reactions) === JSON.stringify(b.reactions) &&
  JSON.stringify(a.attachments) === JSON.stringify(b.attachments);

/**
 * How the device's stored state differs from the server's, in words (empty: the same). Per
 * channel: the same channels; the same lastSeq, lastReadSeq, name and members; the cursor at
 * lastSeq; every held message equal to the server's; every seq from where the device started
 * (its cursor's baseline) to lastSeq held, with the same text, edits, deletes and reactions; and
 * both outboxes (messages, changes) empty.
 */
export async function deviceDiff(page: Page, auth: { id: string; token: string }): Promise<string[]> {
  const [device, { channels }] = await Promise.all([
    readDevice(page, auth.id),
    api<{ channels: (DeviceChannel & { unread: number })[] }>("/api/channels", auth.token),
  ]);
  const problems: string[] = [];
  const mine = new Map(device.channels.map((c) => [c.id, c]));
  const cursors = new Map(device.cursors.map((c) => [c.channelId, c]));
  for (const c of device.channels) if (!channels.some((s) => s.id === c.id)) problems.push(`${c.id}: on the device, not on the server`);
  for (const s of channels) {
    const d = mine.get(s.id);
    if (!d) {
      problems.push(`${s.id}: missing on the device`);
      continue;
    }
    for (const k of ["kind", "name", "lastSeq", "lastReadSeq"] as const) {
      if (d[k] !== s[k]) problems.push(`${s.id}: ${k} ${String(d[k])} on the device, ${String(s[k])} on the server`);
    }
    if ([...d.memberIds].sort().join() !== [...s.memberIds].sort().join()) problems.push(`${s.id}: members differ`);
    const cursor = cursors.get(s.id);
    if (cursor?.seq !== s.lastSeq) problems.push(`${s.id}: cursor ${cursor?.seq} on the device, lastSeq ${s.lastSeq}`);
    const held = device.messages.filter((m) => m.channelId === s.id).sort((a, b) => a.seq - b.seq);
    const history = new Map((await serverHistory(s.id, auth.token)).map((m) => [m.seq, m]));
    for (const m of held) {
      const t = history.get(m.seq);
      if (!t || !sameMessage(m, t)) problems.push(`${s.id}: message ${m.seq} differs from the server's (v${m.version} here, v${t?.version} there)`);
    }
    const heldSeqs = new Set(held.map((m) => m.seq));
    for (let seq = (cursor?.baseline ?? 0) + 1; seq <= s.lastSeq; seq++) {
      if (!heldSeqs.has(seq)) {
        problems.push(`${s.id}: seq ${seq} not held`);
        break;
      }
    }
  }
  for (const o of device.outbox) problems.push(`outbox still holds "${o.body}" (${o.state})`);
  for (const c of device.changes) problems.push(`changes outbox still holds a ${c.kind} of ${c.channelId} #${c.seq}`);
  return problems;
}

/** Waits (events and reads are still travelling) until the device holds exactly what the server has. */
export async function expectDeviceMatchesServer(page: Page, auth: { id: string; token: string }, timeout = 15_000): Promise<void> {
  await expect.poll(() => deviceDiff(page, auth), { timeout, message: "the device's IndexedDB matches the server" }).toEqual([]);
}

/** A device's stored messages and cursors of some channels, for comparing two devices. */
export async function storedChannels(page: Page, userId: string, channelIds: readonly string[]) {
  const d = await readDevice(page, userId);
  return channelIds.map((id) => ({
    channel: d.channels
      .filter((c) => c.id === id)
      .map(({ id, kind, name, lastSeq, lastReadSeq, memberIds }) => ({ id, kind, name, lastSeq, lastReadSeq, memberIds: [...memberIds].sort() })),
    cursor: d.cursors.find((c) => c.channelId === id)?.seq,
    messages: d.messages.filter((m) => m.channelId === id).sort((a, b) => a.seq - b.seq),
  }));
}
