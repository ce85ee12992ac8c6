// What this device holds, kept in step in two places: the zustand store (what the UI shows) and
// the local store (what survives a reconnect; later IndexedDB). Every confirmed message and every
// channel passes through here, so the sync cursors always match the messages held.
import type { PresenceState } from "@/lib/contract/events";
import type { Channel, ChannelView, Message } from "@/lib/contract/models";
import { type ChatLocalStore, createMemoryLocalStore, type OutboxItem } from "./local-store";
import { contiguousFrom } from "./merge-messages";
import { ensureUsers } from "./people";
import { applyChannel, applyChannelViews, applyMessages, applyPresence, chatStore, removeChannel } from "./store";

let local: ChatLocalStore = createMemoryLocalStore();
/** Per channel: every seq after this one that the server has is either held or will come by sync. */
const cursors = new Map<string, number>();

export function localStore(): ChatLocalStore {
  return local;
}

/** Loads the device's cursors and outbox (at start). */
export async function openDevice(store: ChatLocalStore = local): Promise<OutboxItem[]> {
  local = store;
  cursors.clear();
  for (const [id, seq] of Object.entries(await local.loadCursors())) cursors.set(id, seq);
  return local.loadOutbox();
}

export async function forgetDevice(): Promise<void> {
  cursors.clear();
  await local.clear();
}

export function syncCursors(): Record<string, number> {
  return Object.fromEntries(cursors);
}

function advance(channelId: string): void {
  const from = cursors.get(channelId);
  if (from === undefined) return;
  const to = contiguousFrom(from, chatStore.getState().messages[channelId] ?? []);
  if (to > from) {
    cursors.set(channelId, to);
    void local.saveCursor(channelId, to);
  }
}

function setBaseline(channelId: string, seq: number): void {
  if (cursors.has(channelId)) return;
  cursors.set(channelId, seq);
  void local.saveCursor(channelId, seq);
}

/** Confirmed messages from any source: live events, acks, sync, history pages. */
export function takeMessages(list: readonly Message[]): void {
  if (list.length === 0) return;
  applyMessages(list);
  void local.saveMessages(list);
  const channelIds = new Set(list.map((m) => m.channelId));
  for (const id of channelIds) advance(id);
  ensureUsers(new Set(list.map((m) => m.senderId)));
}

/**
 * Channels as their member sees them. `baseline` is where sync starts for a channel seen for the
 * first time: "lastSeq" from the channel list (older history comes by page when it is opened,
 * not by sync), "zero" from a sync answer (it already carried that channel's messages from 1).
 */
export function takeChannelViews(views: readonly ChannelView[], opts: { listed: boolean; baseline: "lastSeq" | "zero" }): void {
  applyChannelViews(views, opts.listed);
  for (const v of views) {
    setBaseline(v.id, opts.baseline === "lastSeq" ? v.lastSeq : 0);
    advance(v.id);
    // The server adds the other person's presence to direct channels (not in the contract's types).
    const presence = (v as ChannelView & { presence?: PresenceState }).presence;
    if (presence?.userId) applyPresence(presence);
  }
  ensureUsers(directMembers(views));
}

/** A channel created with or changed for this user (`channel` event, POST /api/channels). */
export function takeChannel(c: Channel): void {
  applyChannel(c);
  if (chatStore.getState().channels[c.id]) {
    setBaseline(c.id, c.lastSeq);
    advance(c.id);
    ensureUsers(directMembers([c]));
  } else {
    cursors.delete(c.id);
  }
}

function directMembers(channels: readonly Channel[]): Set<string> {
  const ids = new Set<string>();
  for (const c of channels) if (c.kind === "direct") for (const id of c.memberIds) ids.add(id);
  return ids;
}

/** The user left or was removed: the channel goes from the list, and sync stops asking for it. */
export function forgetChannel(channelId: string): void {
  removeChannel(channelId);
  cursors.delete(channelId);
}
