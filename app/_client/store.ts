// The chat's client state. Written only by the client modules (chat-connection and the HTTP
// helpers next to it); components read it through useChat and never touch the socket.
import { createStore } from "zustand/vanilla";
import type { PresenceState } from "@/lib/contract/events";
import type { Channel, ChannelView, MemberRole, Message, SearchResult, User } from "@/lib/contract/models";
import type { OutboxItem } from "./local-store";
import { mergeMessages } from "./merge-messages";

export type ChannelEntry = ChannelView & {
  /** When the channel last had a message (or was created): orders the channel list. */
  activityAt: string;
};

export type PendingMessage = OutboxItem;

/** "offline": the browser has no network; the app works from what the device holds. */
export type ConnectionStatus = "idle" | "connecting" | "connected" | "reconnecting" | "offline" | "signed-out";

/** HTTP history of one channel. Where a shown window starts and ends is read from the messages held. */
export interface HistoryState {
  /** The latest page has been fetched (live events and sync keep it current afterwards). */
  loaded: boolean;
  loadingLatest: boolean;
  loadingOlder: boolean;
  loadingNewer: boolean;
  error?: string;
}

/** The side panel next to the conversation: search results or the user's mentions. */
export type Panel =
  | {
      kind: "search";
      query: string;
      /** "This conversation only": the channel searched, or null for all. */
      channelId: string | null;
      results: SearchResult[] | null;
      loading: boolean;
      error?: string;
    }
  | { kind: "mentions"; results: SearchResult[] | null; loading: boolean; error?: string };

export interface ChatState {
  me: User | null;
  status: ConnectionStatus;
  /** The channel list has been loaded at least once. */
  channelsLoaded: boolean;
  channels: Record<string, ChannelEntry>;
  /** Confirmed messages per channel, ascending by seq, one per seq. */
  messages: Record<string, Message[]>;
  /** Own messages not yet acknowledged (or refused), per channel, in the order written. */
  pending: Record<string, PendingMessage[]>;
  history: Record<string, HistoryState>;
  users: Record<string, User>;
  presence: Record<string, PresenceState>;
  /** Per channel, the other members typing now (cleared a few seconds after their last `typing`). */
  typing: Record<string, Record<string, true>>;
  panel: Panel | null;
  /** Per group, its members' roles, when the server has told them. */
  roles: Record<string, Record<string, MemberRole>>;
  /** A short note for the user ("Link copied"), shown for a moment. */
  notice: { text: string; id: number } | null;
}

const initial = (): ChatState => ({
  me: null,
  status: "idle",
  channelsLoaded: false,
  channels: {},
  messages: {},
  pending: {},
  history: {},
  users: {},
  presence: {},
  typing: {},
  panel: null,
  roles: {},
  notice: null,
});

export const chatStore = createStore<ChatState>()(initial);

const set = chatStore.setState;
const get = chatStore.getState;

export function resetChat(me: User | null): void {
  set({ ...initial(), me, users: me ? { [me.id]: me } : {} }, true);
}

export function setStatus(status: ConnectionStatus): void {
  if (get().status !== status) set({ status });
}

/** The server sends lastMessageAt with channels though the contract's types do not name it. */
function activityOf(c: Channel, fallback?: string): string {
  const at = (c as Channel & { lastMessageAt?: unknown }).lastMessageAt;
  const candidates = [typeof at === "string" ? at : c.createdAt, fallback ?? ""];
  return candidates.reduce((a, b) => (b > a ? b : a));
}

function withUnread<T extends ChannelEntry>(c: T): T {
  return { ...c, unread: Math.max(0, c.lastSeq - c.lastReadSeq) };
}

/**
 * Channels as their member sees them (GET /api/channels, sync). `listed`: this is the user's
 * whole list. Channels are only ever removed by a `channel` event without us in it: a list read
 * just before a channel was created must not make that channel vanish.
 */
export function applyChannelViews(views: readonly ChannelView[], listed: boolean): void {
  set((s) => {
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
  });
}

/** Channels as this device last stored them (IndexedDB), shown before the network answers. */
export function hydrateChannels(entries: readonly ChannelEntry[], listed: boolean): void {
  if (entries.length === 0 && !listed) return;
  set((s) => {
    const channels = { ...s.channels };
    for (const e of entries) if (!channels[e.id]) channels[e.id] = withUnread(e);
    return { channels, channelsLoaded: s.channelsLoaded || listed };
  });
}

/** A `channel` event: created with us, we were added, or it changed. */
export function applyChannel(c: Channel): void {
  const me = get().me;
  if (me && !c.memberIds.includes(me.id)) {
    removeChannel(c.id);
    return;
  }
  set((s) => {
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
  });
}

export function setChannelMuted(channelId: string, muted: boolean): void {
  set((s) => {
    const c = s.channels[channelId];
    return c ? { channels: { ...s.channels, [channelId]: { ...c, muted } } } : {};
  });
}

export function removeChannel(channelId: string): void {
  set((s) => {
    const { [channelId]: _c, ...channels } = s.channels;
    const { [channelId]: _m, ...messages } = s.messages;
    const { [channelId]: _p, ...pending } = s.pending;
    const { [channelId]: _h, ...history } = s.history;
    const { [channelId]: _t, ...typing } = s.typing;
    const { [channelId]: _r, ...roles } = s.roles;
    return { channels, messages, pending, history, typing, roles };
  });
}

/** Confirmed messages from any source (event, ack, sync, history), any channels. */
export function applyMessages(list: readonly Message[]): void {
  if (list.length === 0) return;
  const byChannel = new Map<string, Message[]>();
  for (const m of list) {
    const l = byChannel.get(m.channelId);
    if (l) l.push(m);
    else byChannel.set(m.channelId, [m]);
  }
  set((s) => {
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
      const typists = typing[channelId];
      if (typists && incoming.some((m) => typists[m.senderId])) {
        const left = { ...typists };
        for (const m of incoming) delete left[m.senderId];
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
  });
}

export function applyRead(channelId: string, seq: number): void {
  const ch = get().channels[channelId];
  if (!ch || ch.lastReadSeq >= seq) return;
  set((s) => ({
    channels: { ...s.channels, [channelId]: withUnread({ ...ch, lastReadSeq: Math.min(seq, ch.lastSeq) }) },
  }));
}

export function putPending(item: PendingMessage): void {
  set((s) => {
    const list = s.pending[item.channelId] ?? [];
    const at = list.findIndex((p) => p.clientMsgId === item.clientMsgId);
    const next = at < 0 ? [...list, item] : list.map((p, i) => (i === at ? item : p));
    return { pending: { ...s.pending, [item.channelId]: next } };
  });
}

export function dropPending(channelId: string, clientMsgId: string): void {
  set((s) => ({
    pending: { ...s.pending, [channelId]: (s.pending[channelId] ?? []).filter((p) => p.clientMsgId !== clientMsgId) },
  }));
}

export function findPending(clientMsgId: string): PendingMessage | undefined {
  for (const list of Object.values(get().pending)) {
    const p = list.find((x) => x.clientMsgId === clientMsgId);
    if (p) return p;
  }
  return undefined;
}

export function setHistory(channelId: string, patch: Partial<HistoryState>): void {
  set((s) => {
    const old = s.history[channelId] ?? { loaded: false, loadingLatest: false, loadingOlder: false, loadingNewer: false };
    return { history: { ...s.history, [channelId]: { ...old, ...patch } } };
  });
}

export function putUsers(users: readonly User[]): void {
  if (users.length === 0) return;
  set((s) => {
    const next = { ...s.users };
    for (const u of users) next[u.id] = { ...next[u.id], ...u };
    return { users: next };
  });
}

export function applyPresence(p: PresenceState): void {
  set((s) => ({ presence: { ...s.presence, [p.userId]: p } }));
}

export function setTyping(channelId: string, userId: string, on: boolean): void {
  set((s) => {
    const now = s.typing[channelId] ?? {};
    if (Boolean(now[userId]) === on) return s;
    const next = { ...now };
    if (on) next[userId] = true;
    else delete next[userId];
    return { typing: { ...s.typing, [channelId]: next } };
  });
}

export function setPanel(panel: Panel | null): void {
  set({ panel });
}

/** Changes the panel only if it is still showing what `still` accepts (answers can come late). */
export function updatePanel(still: (p: Panel) => boolean, patch: (p: Panel) => Panel): void {
  set((s) => (s.panel && still(s.panel) ? { panel: patch(s.panel) } : s));
}

export function setRoles(channelId: string, roles: Record<string, MemberRole>): void {
  set((s) => ({ roles: { ...s.roles, [channelId]: roles } }));
}

let noticeId = 0;
export function showNotice(text: string): void {
  set({ notice: { text, id: ++noticeId } });
}
