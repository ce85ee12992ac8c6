// What a device keeps between page loads, for one signed-in user: its channels as last seen, the
// messages it holds, per channel its sync cursor (the highest seq up to which it holds every
// message from where it started), the outbox of messages not yet acknowledged, and people's names.
// IndexedDB in the browser (indexeddb-store.ts); this in-memory one where IndexedDB is missing.
import type { Attachment, ChannelView, Message, User } from "@/lib/contract/models";

export interface OutboxItem {
  clientMsgId: string;
  channelId: string;
  body: string;
  createdAt: string;
  state: "sending" | "failed";
  /** The seq of the message it answers (same channel). */
  replyTo?: number;
  error?: string;
  /** Files (app/_client/uploads.ts): the bytes stay here (IndexedDB keeps Blobs) until acknowledged. */
  files?: OutboxFile[];
  /** Its uploads were made again once (the first ones had expired). */
  reuploaded?: boolean;
}

/** A file of a message in the outbox: uploaded (`attachment`) or still to upload from `blob`. */
export interface OutboxFile {
  localId: string;
  name: string;
  size: number;
  type: string;
  blob: Blob;
  attachment?: Attachment;
}

/**
 * A channel's sync cursor. The device holds every seq in (baseline, seq]. `baseline` is where it
 * started: 0, or the channel's lastSeq when it first saw the channel in its list (older history
 * is fetched page by page when read, not by sync).
 */
export interface StoredCursor {
  channelId: string;
  seq: number;
  baseline: number;
  /**
   * The channel's change counter up to which changes to the held messages are applied (edits,
   * deletes, reactions). Missing in cursors stored before messages could change: 0.
   */
  version?: number;
}

/** One stored cursor over another (another tab of the same user may be ahead): the higher of each. */
export function laterCursor(old: StoredCursor | undefined, c: StoredCursor): StoredCursor {
  if (!old) return { channelId: c.channelId, seq: c.seq, baseline: c.baseline, version: c.version ?? 0 };
  return { ...old, seq: Math.max(old.seq, c.seq), version: Math.max(old.version ?? 0, c.version ?? 0) };
}

/** A held message over another copy of it: the higher version wins (see merge-messages). */
export function keepNewer(old: Message | undefined, m: Message): boolean {
  return !old || (m.version ?? 0) >= (old.version ?? 0);
}

/**
 * A change to a message made on this device and not yet acknowledged: an edit, a delete or a
 * reaction. Kept on the device and sent once, in the order made, when connected.
 */
export type PendingChange = { id: string; channelId: string; seq: number; createdAt: string } & (
  | { kind: "edit"; body: string }
  | { kind: "delete" }
  | { kind: "reaction"; emoji: string; on: boolean }
);

/** A channel as the device last knew it. */
export type StoredChannel = Omit<ChannelView, "presence"> & { activityAt: string };

export interface DeviceSnapshot {
  channels: StoredChannel[];
  /** Checked against the messages held: a stored cursor is never trusted beyond them. */
  cursors: StoredCursor[];
  /** Per channel, the seqs held above its cursor (after a gap). */
  heldAhead: Record<string, number[]>;
  outbox: OutboxItem[];
  /** Changes not yet acknowledged, in the order made. */
  changes: PendingChange[];
  users: User[];
  /** The full channel list has come from the server at least once. */
  listed: boolean;
}

/** One write, applied all together (one IndexedDB transaction). */
export interface DeviceWrite {
  messages?: readonly Message[];
  /** Stored as the higher of the one held and this (another tab of the same user may be ahead). */
  cursors?: readonly StoredCursor[];
  channels?: readonly StoredChannel[];
  /** Left or removed: the channel goes with its cursor, messages and outbox entries. */
  dropChannels?: readonly string[];
  outbox?: readonly OutboxItem[];
  dropOutbox?: readonly string[];
  changes?: readonly PendingChange[];
  dropChanges?: readonly string[];
  users?: readonly User[];
  listed?: boolean;
}

export interface ChatLocalStore {
  readonly kind: "indexeddb" | "memory";
  load(): Promise<DeviceSnapshot>;
  /** Messages of one channel, ascending by seq: the last `limit` before `before` (or the newest). */
  loadMessages(channelId: string, opts: { limit: number; before?: number }): Promise<Message[]>;
  write(w: DeviceWrite): Promise<void>;
  close(): void;
  /** Log-out: deletes everything this device keeps for the user. */
  destroy(): Promise<void>;
}

/** The highest seq reachable from `from` through `seqs` (ascending) without a gap. */
export function contiguousSeq(from: number, ascending: readonly number[]): number {
  let at = from;
  for (const seq of ascending) {
    if (seq <= at) continue;
    if (seq !== at + 1) break;
    at = seq;
  }
  return at;
}

export function createMemoryLocalStore(): ChatLocalStore {
  const channels = new Map<string, StoredChannel>();
  const cursors = new Map<string, StoredCursor>();
  const messages = new Map<string, Map<number, Message>>();
  const outbox = new Map<string, OutboxItem>();
  const changes = new Map<string, PendingChange>();
  const users = new Map<string, User>();
  let listed = false;
  const heldSeqs = (channelId: string) => [...(messages.get(channelId)?.keys() ?? [])].sort((a, b) => a - b);
  return {
    kind: "memory",
    async load() {
      const checked: StoredCursor[] = [];
      const heldAhead: Record<string, number[]> = {};
      for (const c of cursors.values()) {
        const held = heldSeqs(c.channelId);
        const seq = Math.min(c.seq, contiguousSeq(c.baseline, held));
        checked.push({ ...c, seq });
        const above = held.filter((s) => s > seq);
        if (above.length) heldAhead[c.channelId] = above;
      }
      return {
        channels: [...channels.values()].map((c) => structuredClone(c)),
        cursors: checked,
        heldAhead,
        outbox: [...outbox.values()].sort((a, b) => a.createdAt.localeCompare(b.createdAt)),
        changes: [...changes.values()].sort((a, b) => a.createdAt.localeCompare(b.createdAt)),
        users: [...users.values()],
        listed,
      };
    },
    async loadMessages(channelId, { limit, before }) {
      const held = [...(messages.get(channelId)?.values() ?? [])]
        .filter((m) => before === undefined || m.seq < before)
        .sort((a, b) => a.seq - b.seq);
      return held.slice(-limit);
    },
    async write(w) {
      for (const id of w.dropChannels ?? []) {
        channels.delete(id);
        cursors.delete(id);
        messages.delete(id);
        for (const [k, item] of outbox) if (item.channelId === id) outbox.delete(k);
        for (const [k, item] of changes) if (item.channelId === id) changes.delete(k);
      }
      for (const m of w.messages ?? []) {
        let ch = messages.get(m.channelId);
        if (!ch) messages.set(m.channelId, (ch = new Map()));
        if (keepNewer(ch.get(m.seq), m)) ch.set(m.seq, m);
      }
      for (const c of w.cursors ?? []) cursors.set(c.channelId, laterCursor(cursors.get(c.channelId), c));
      for (const c of w.channels ?? []) channels.set(c.id, structuredClone(c));
      for (const item of w.outbox ?? []) outbox.set(item.clientMsgId, item);
      for (const id of w.dropOutbox ?? []) outbox.delete(id);
      for (const c of w.changes ?? []) changes.set(c.id, c);
      for (const id of w.dropChanges ?? []) changes.delete(id);
      for (const u of w.users ?? []) users.set(u.id, u);
      if (w.listed) listed = true;
    },
    close() {},
    async destroy() {
      channels.clear();
      cursors.clear();
      messages.clear();
      outbox.clear();
      changes.clear();
      users.clear();
      listed = false;
    },
  };
}
