// How messages and channels arriving change the chat state: pure functions from the state to the
// fields that change. They write nothing: device-state applies them, in the same step as it moves
// the sync cursors and stores what arrived on the device, so nothing reaches the screen by a path
// that skips that bookkeeping.
import type { Channel, ChannelView, Message } from "@/lib/contract/models";
import { mergeMessages } from "./merge-messages";
import type { PendingChange } from "./local-store";
import type { ChannelEntry, ChatState, PendingMessage } from "./store";

type Patch = Partial<ChatState>;

/** The server sends lastMessageAt with channels though the contract's types do not name it. */
function activityOf(c: Channel, fallback?: string): string {
  const at = (c as Channel & { lastMessageAt?: unknown }).lastMessageAt;
  const candidates = [typeof at === "string" ? at : c.createdAt, fallback ?? ""];
  return candidates.reduce((a, b) => (b > a ? b : a));
}

export function withUnread<T extends ChannelEntry>(c: T): T {
  return { ...c, unread: Math.max(0, c.lastSeq - c.lastReadSeq) };
}

/**
 * Channels as their member sees them (GET /api/channels, sync). `listed`: this is the user's
 * whole list. Channels are only ever removed by a `channel` event without us in it: a list read
 * just before a channel was created must not make that channel vanish.
 */
export function withChannelViews(s: ChatState, views: readonly ChannelView[], listed: boolean): Patch {
  const channels = { ...s.channels };
  for (const v of views) {
    const old = s.channels[v.id];
    channels[v.id] = withUnread({
      ...v,
      lastSeq: Math.max(v.lastSeq, old?.lastSeq ?? 0),
      // lastReadSeq never decreases on the server; a local one may be ahead while its `read` travels.
      lastReadSeq: Math.max(v.lastReadSeq, old?.lastReadSeq ?? 0),
      activityAt: activityOf(v, old?.activityAt),
    });
  }
  return { channels, channelsLoaded: s.channelsLoaded || listed };
}

/** Channels as this device last stored them (IndexedDB), shown before the network answers. */
export function withHeldChannels(s: ChatState, entries: readonly ChannelEntry[], listed: boolean): Patch {
  if (entries.length === 0 && !listed) return {};
  const channels = { ...s.channels };
  for (const e of entries) if (!channels[e.id]) channels[e.id] = withUnread(e);
  return { channels, channelsLoaded: s.channelsLoaded || listed };
}

/** A `channel` event or answer: created with us, we were added, or it changed. Without us: gone. */
export function withChannel(s: ChatState, c: Channel): Patch {
  if (s.me && !c.memberIds.includes(s.me.id)) return withoutChannel(s, c.id);
  const old = s.channels[c.id];
  const entry = withUnread({
    ...c,
    lastSeq: Math.max(c.lastSeq, old?.lastSeq ?? 0),
    lastReadSeq: old?.lastReadSeq ?? 0,
    unread: 0,
    muted: old?.muted,
    activityAt: activityOf(c, old?.activityAt),
  });
  return { channels: { ...s.channels, [c.id]: entry } };
}

export function withoutChannel(s: ChatState, channelId: string): Patch {
  const { [channelId]: _c, ...channels } = s.channels;
  const { [channelId]: _m, ...messages } = s.messages;
  const { [channelId]: _p, ...pending } = s.pending;
  const { [channelId]: _h, ...history } = s.history;
  const { [channelId]: _t, ...typing } = s.typing;
  const { [channelId]: _r, ...roles } = s.roles;
  const { [channelId]: _reads, ...reads } = s.reads;
  const changes = s.changes.filter((c) => c.channelId !== channelId);
  return { channels, messages, pending, history, typing, roles, reads, changes };
}

/**
 * Confirmed messages from any source (event, ack, sync, history, the device), any channels: merged
 * by seq; ours leave the pending list; their senders stop typing; the channel's counts move.
 */
export function withMessages(s: ChatState, list: readonly Message[]): Patch {
  if (list.length === 0) return {};
  const byChannel = new Map<string, Message[]>();
  for (const m of list) {
    const l = byChannel.get(m.channelId);
    if (l) l.push(m);
    else byChannel.set(m.channelId, [m]);
  }
  const meId = s.me?.id;
  const messages = { ...s.messages };
  const pending = { ...s.pending };
  const channels = { ...s.channels };
  const typing = { ...s.typing };
  for (const [channelId, incoming] of byChannel) {
    messages[channelId] = mergeMessages(s.messages[channelId] ?? [], incoming);
    const confirmed = new Set(incoming.filter((m) => m.senderId === meId).map((m) => m.clientMsgId));
    const waiting = s.pending[channelId];
    if (waiting && confirmed.size) pending[channelId] = waiting.filter((p) => !confirmed.has(p.clientMsgId));
    // A new message ends its sender's typing; a change to an older one (someone's reaction) does not.
    const typists = typing[channelId];
    const held = s.messages[channelId] ?? [];
    const newer = incoming.filter((m) => !holds(held, m.seq));
    if (typists && newer.some((m) => typists[m.senderId])) {
      const left = { ...typists };
      for (const m of newer) delete left[m.senderId];
      typing[channelId] = left;
    }
    const ch = channels[channelId];
    if (!ch) continue;
    let { lastSeq, lastReadSeq, activityAt } = ch;
    for (const m of incoming) {
      lastSeq = Math.max(lastSeq, m.seq);
      if (m.createdAt > activityAt) activityAt = m.createdAt;
      // Sending marks the channel read up to the message for its sender (the server does the same).
      if (m.senderId === meId) lastReadSeq = Math.max(lastReadSeq, m.seq);
    }
    channels[channelId] = withUnread({ ...ch, lastSeq, lastReadSeq, activityAt });
  }
  return { messages, pending, channels, typing };
}

/** Whether a list sorted by seq holds `seq`. */
function holds(sorted: readonly Message[], seq: number): boolean {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const at = sorted[mid]!.seq;
    if (at === seq) return true;
    if (at < seq) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

/** An outbox entry (new, retried, failed) shown in its place among the channel's pending ones. */
/**
 * What the page lets go of to bound its memory: only the messages of a channel with seqs in
 * [from, to] stay held (the device store keeps them all; the log reads them back as the reader
 * comes near), with those the kept ones quote and the one the composer answers (their quotes show
 * them). Dropping the newest means the latest page must be read again before it counts as loaded.
 */
export function withHeldWithin(s: ChatState, channelId: string, from: number, to: number): Patch {
  const held = s.messages[channelId];
  if (!held || held.length === 0) return {};
  const within = (seq: number) => seq >= from && seq <= to;
  const quoted = new Set<number>(held.flatMap((m) => (within(m.seq) && m.replyTo !== null ? [m.replyTo] : [])));
  const answering = s.replyTo[channelId];
  if (answering !== undefined) quoted.add(answering);
  const kept = held.filter((m) => within(m.seq) || quoted.has(m.seq));
  if (kept.length === held.length) return {};
  const droppedNewest = kept.at(-1)?.seq !== held.at(-1)!.seq;
  const h = s.history[channelId];
  return {
    messages: { ...s.messages, [channelId]: kept },
    ...(droppedNewest && h ? { history: { ...s.history, [channelId]: { ...h, loaded: false } } } : {}),
  };
}

export function withPending(s: ChatState, item: PendingMessage): Patch {
  const list = s.pending[item.channelId] ?? [];
  const at = list.findIndex((p) => p.clientMsgId === item.clientMsgId);
  const next = at < 0 ? [...list, item] : list.map((p, i) => (i === at ? item : p));
  return { pending: { ...s.pending, [item.channelId]: next } };
}

export function withoutPending(s: ChatState, clientMsgId: string): Patch {
  for (const [channelId, list] of Object.entries(s.pending)) {
    if (list.some((p) => p.clientMsgId === clientMsgId)) {
      return { pending: { ...s.pending, [channelId]: list.filter((p) => p.clientMsgId !== clientMsgId) } };
    }
  }
  return {};
}

/** A change made here and not yet acknowledged (edit, delete, reaction), after the others. */
export function withChange(s: ChatState, change: PendingChange): Patch {
  const at = s.changes.findIndex((c) => c.id === change.id);
  return { changes: at < 0 ? [...s.changes, change] : s.changes.map((c, i) => (i === at ? change : c)) };
}

export function withoutChange(s: ChatState, id: string): Patch {
  return s.changes.some((c) => c.id === id) ? { changes: s.changes.filter((c) => c.id !== id) } : {};
}
