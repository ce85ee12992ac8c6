// What this device holds, kept in step in two places: the zustand store (what the UI shows) and
// the local store (IndexedDB: what survives reloads and works offline). Every confirmed message,
// every channel and every outbox entry passes through here (the one path: the store has no other
// way to change them), so the sync cursors always match the messages held: a cursor is written in
// the same transaction as the messages it counts.
import type { Channel, ChannelView, Message } from "@/lib/contract/models";
import { detachDeviceStore, attachDeviceStore, writeToDevice } from "./device-writes";

export { deviceWritesDone, localStore } from "./device-writes";
import type { ChatLocalStore, OutboxItem, PendingChange, StoredCursor } from "./local-store";
import { CursorTracker, type Gap } from "./cursor-tracker";
import {
  withChannel,
  withChange,
  withChannelViews,
  withHeldChannels,
  withHeldWithin,
  withoutChange,
  withMessages,
  withoutChannel,
  withoutPending,
  withPending,
} from "./arrival-transitions";
import { ensureUsers } from "./people";
import { applyArrival, applyPresence, type ChannelEntry, chatStore, putUsers } from "./store";

/**
 * A channel new to this device is synced whole when it has at most this many messages (a
 * conversation started while the device was away is then all there, offline too); a longer one
 * starts at its lastSeq, and its older pages are read over HTTP when it is opened.
 */
export const SYNC_WHOLE_UP_TO = 100;

const tracker = new CursorTracker();
/** clientMsgIds in the stored outbox: a confirmed message of ours leaves it in the same write. */
const outboxIds = new Set<string>();

/**
 * Shows what the device holds (channels, names, the outbox) and picks up its cursors. `stillWanted`
 * is asked once the store has answered: a session ended meanwhile leaves everything as it was.
 */
export async function openDevice(store: ChatLocalStore, stillWanted: () => boolean = () => true): Promise<boolean> {
  const snap = await store.load();
  if (!stillWanted()) return false;
  closeDevice();
  putUsers(snap.users);
  applyArrival((s) => withHeldChannels(s, snap.channels as ChannelEntry[], snap.listed));
  for (const c of snap.cursors) tracker.restore(c.channelId, c.baseline, c.seq, snap.heldAhead[c.channelId] ?? [], c.version ?? 0);
  for (const item of snap.outbox) {
    outboxIds.add(item.clientMsgId);
    applyArrival((s) => withPending(s, item));
  }
  for (const change of snap.changes) applyArrival((s) => withChange(s, change));
  attachDeviceStore(store);
  return true;
}

/** Stops writing to the device store (before the zustand store is reset). Returns that store. */
export function closeDevice(): ChatLocalStore {
  tracker.clear();
  outboxIds.clear();
  return detachDeviceStore();
}

function cursorOf(channelId: string): StoredCursor | null {
  const seq = tracker.cursor(channelId);
  const baseline = tracker.baseline(channelId);
  const version = tracker.version(channelId) ?? 0;
  return seq === undefined || baseline === undefined ? null : { channelId, seq, baseline, version };
}

function cursorsOf(ids: Iterable<string>): StoredCursor[] {
  const out: StoredCursor[] = [];
  for (const id of ids) {
    const c = cursorOf(id);
    if (c) out.push(c);
  }
  return out;
}

export function syncCursors(): Record<string, number> {
  return tracker.snapshot();
}

/** The cursors `sync` is asked with: new messages after `seq`, changes after `version`. */
export function syncCursorsWithVersions(): Record<string, { seq: number; version: number }> {
  return tracker.snapshotWithVersions();
}

export function syncVersion(channelId: string): number | undefined {
  return tracker.version(channelId);
}

export function syncCursor(channelId: string): number | undefined {
  return tracker.cursor(channelId);
}

/** The seqs this device has not got between its cursor and the newest it holds, if any. */
export function gapOf(channelId: string): Gap | null {
  return tracker.gap(channelId);
}

export function channelsWithGaps(): string[] {
  return tracker.gaps();
}

function byChannel(list: readonly Message[]): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (const m of list) {
    const seqs = out.get(m.channelId);
    if (seqs) seqs.push(m.seq);
    else out.set(m.channelId, [m.seq]);
  }
  return out;
}

/** Confirmed messages from the network (live events, acks, sync, history pages): shown and stored. */
export function takeMessages(list: readonly Message[]): void {
  if (list.length === 0) return;
  applyArrival((s) => withMessages(s, list));
  const moved = new Set<string>();
  for (const [channelId, seqs] of byChannel(list)) if (tracker.hold(channelId, seqs)) moved.add(channelId);
  // Each message carries the version of its last change: the very next one moves the channel's.
  for (const m of [...list].sort((a, b) => a.version - b.version)) if (tracker.appliedLive(m.channelId, m.version)) moved.add(m.channelId);
  const meId = chatStore.getState().me?.id;
  const sent = list.filter((m) => m.senderId === meId && outboxIds.delete(m.clientMsgId)).map((m) => m.clientMsgId);
  writeToDevice({ messages: list, cursors: cursorsOf(moved), dropOutbox: sent });
  ensureUsers(new Set(list.map((m) => m.senderId)));
}

/**
 * A `sync` page has been applied (its messages and updates, through takeMessages): the changes
 * it covered count as applied. When it was the last page, everything up to each channel's
 * version; when capped, up to the highest version among the updates received per channel.
 */
export function takeSyncVersions(channels: readonly { id: string; version: number }[], updates: readonly Message[], more: boolean): void {
  const moved: string[] = [];
  if (!more) {
    for (const c of channels) if (tracker.applied(c.id, c.version)) moved.push(c.id);
  } else {
    const highest = new Map<string, number>();
    for (const u of updates) highest.set(u.channelId, Math.max(highest.get(u.channelId) ?? 0, u.version));
    for (const [id, v] of highest) if (tracker.applied(id, v)) moved.push(id);
  }
  if (moved.length) writeToDevice({ cursors: cursorsOf(moved) });
}

/** Messages read back from the device store: shown, not stored again. */
export function showHeldMessages(list: readonly Message[]): void {
  if (list.length === 0) return;
  applyArrival((s) => withMessages(s, list));
  // Ours, stored, yet still in the outbox (confirmed in another tab of this user): sent already.
  const meId = chatStore.getState().me?.id;
  for (const m of list) if (m.senderId === meId && outboxIds.has(m.clientMsgId)) dropOutbox(m.clientMsgId);
  ensureUsers(new Set(list.map((m) => m.senderId)));
}

/** The page lets go of the messages of a channel outside [from, to] (memory; the device keeps them). */
export function letGoOutside(channelId: string, from: number, to: number): void {
  applyArrival((s) => withHeldWithin(s, channelId, from, to));
}

/** Where sync starts for a channel new to this device whose newest seq is `lastSeq`. */
function baselineFor(lastSeq: number): number {
  return lastSeq > SYNC_WHOLE_UP_TO ? lastSeq : 0;
}

/**
 * The version a channel new to this device starts from: synced whole, 0 (its messages come as
 * they are now); started at lastSeq, the channel's current one (older messages are read over
 * HTTP as they are now, so their earlier changes are not wanted).
 */
function startVersionFor(c: Channel, baseline: number): number {
  return baseline > 0 ? (c.version ?? 0) : 0;
}

/** The server has messages of this channel after what the device holds: a sync is due. */
export function behind(channelId: string): boolean {
  const cursor = tracker.cursor(channelId);
  const lastSeq = chatStore.getState().channels[channelId]?.lastSeq;
  return cursor !== undefined && lastSeq !== undefined && cursor < lastSeq;
}

/**
 * Channels as their member sees them. `baseline` is where sync starts for a channel seen for the
 * first time: "lastSeq" from the channel list (see SYNC_WHOLE_UP_TO), "zero" from a sync answer
 * (it already carries that channel's messages from 1).
 * `knownBefore`: the channels this device had when it asked for this full list; those missing
 * from the answer were left or removed while the device was away.
 */
export function takeChannelViews(
  views: readonly ChannelView[],
  opts: { listed: boolean; baseline: "lastSeq" | "zero"; knownBefore?: ReadonlySet<string> },
): void {
  applyArrival((s) => withChannelViews(s, views, opts.listed));
  const started: string[] = [];
  for (const v of views) {
    if (!tracker.has(v.id)) {
      const baseline = opts.baseline === "lastSeq" ? baselineFor(v.lastSeq) : 0;
      tracker.start(v.id, baseline, [], startVersionFor(v, baseline));
      started.push(v.id);
    }
    // Direct channels carry the other person's presence.
    if (v.presence?.userId) applyPresence(v.presence);
  }
  if (opts.knownBefore) {
    const listed = new Set(views.map((v) => v.id));
    for (const id of opts.knownBefore) if (!listed.has(id)) forgetChannel(id);
  }
  writeToDevice({ cursors: cursorsOf(started), listed: opts.listed });
  ensureUsers(directMembers(views));
}

/** A channel created with or changed for this user (`channel` event, POST /api/channels). */
export function takeChannel(c: Channel): void {
  applyArrival((s) => withChannel(s, c));
  if (chatStore.getState().channels[c.id]) {
    if (!tracker.has(c.id)) {
      const baseline = baselineFor(c.lastSeq);
      tracker.start(c.id, baseline, [], startVersionFor(c, baseline));
      writeToDevice({ cursors: cursorsOf([c.id]) });
    }
    ensureUsers(directMembers([c]));
  } else {
    tracker.forget(c.id);
  }
}

function directMembers(channels: readonly Channel[]): Set<string> {
  const ids = new Set<string>();
  for (const c of channels) if (c.kind === "direct") for (const id of c.memberIds) ids.add(id);
  return ids;
}

/** The user left or was removed: the channel goes from the list and the device, and sync stops asking for it. */
export function forgetChannel(channelId: string): void {
  applyArrival((s) => withoutChannel(s, channelId));
  tracker.forget(channelId);
}

/**
 * Shows an outbox entry (new, retried or failed) as pending and keeps it on the device until it is
 * acknowledged (takeMessages drops it) or discarded.
 */
export function keepOutbox(item: OutboxItem): void {
  applyArrival((s) => withPending(s, item));
  outboxIds.add(item.clientMsgId);
  writeToDevice({ outbox: [item] });
}

/** Discarded, or found already sent: gone from the screen and the device. */
export function dropOutbox(clientMsgId: string): void {
  applyArrival((s) => withoutPending(s, clientMsgId));
  outboxIds.delete(clientMsgId);
  writeToDevice({ dropOutbox: [clientMsgId] });
}

/** An edit, delete or reaction made here: shown at once, kept on the device until acknowledged. */
export function keepChange(change: PendingChange): void {
  applyArrival((s) => withChange(s, change));
  writeToDevice({ changes: [change] });
}

/** Acknowledged (its message arrived through takeMessages) or refused: gone from the device. */
export function dropChange(id: string): void {
  applyArrival((s) => withoutChange(s, id));
  writeToDevice({ dropChanges: [id] });
}
