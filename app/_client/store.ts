// The chat's client state. Written only by the client modules (the connection and the HTTP
// helpers next to it), through the functions here; components read it through useChat and never
// touch the socket. Messages and channels change only through device-state (see applyArrival).
import { createStore, type StoreApi } from "zustand/vanilla";
import type { Channel, ChannelView, MemberRole, Message, PresenceState, SearchResult, User } from "@/lib/contract/models";
import { withUnread } from "./arrival-transitions";
import type { OutboxItem, PendingChange } from "./local-store";
import type { MemberReadMark } from "./read-receipts";

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
  /** Edits, deletes and reactions made on this device and not yet acknowledged, in the order made. */
  changes: PendingChange[];
  /** Per channel, its members' read marks (read receipts), when loaded. */
  reads: Record<string, MemberReadMark[]>;
  /** Per channel, the message the composer's next message answers. */
  replyTo: Record<string, number>;
  /** The message being edited in place, if any. */
  editing: { channelId: string; seq: number } | null;
}

/** The state of a tab with nobody signed in (also the domain tier's starting point for a device). */
export const initialChatState = (): ChatState => ({
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
  changes: [],
  reads: {},
  replyTo: {},
  editing: null,
});

const store = createStore<ChatState>()(initialChatState);

/** What components and client modules read (through useChat, or getState): it cannot be written. */
export const chatStore: ReadonlyStoreApi<ChatState> = {
  getState: store.getState,
  getInitialState: store.getInitialState,
  subscribe: store.subscribe,
};

const set = store.setState;
const get = store.getState;

type ReadonlyStoreApi<T> = Pick<StoreApi<T>, "getState" | "getInitialState" | "subscribe">;

/**
 * Messages and channels arriving. Only device-state calls this (store.test checks it): it moves
 * the sync cursors and stores on the device what it changes here, in the same step.
 */
export function applyArrival(next: (s: ChatState) => Partial<ChatState>): void {
  set(next);
}

export function resetChat(me: User | null): void {
  set({ ...initialChatState(), me, users: me ? { [me.id]: me } : {} }, true);
}

export function setStatus(status: ConnectionStatus): void {
  if (get().status !== status) set({ status });
}

export function setChannelMuted(channelId: string, muted: boolean): void {
  set((s) => {
    const c = s.channels[channelId];
    return c ? { channels: { ...s.channels, [channelId]: { ...c, muted } } } : {};
  });
}

export function applyRead(channelId: string, seq: number): void {
  const ch = get().channels[channelId];
  if (!ch || ch.lastReadSeq >= seq) return;
  set((s) => ({
    channels: { ...s.channels, [channelId]: withUnread({ ...ch, lastReadSeq: Math.min(seq, ch.lastSeq) }) },
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

/** Names and pictures (fetched, or a `user:update`); the signed-in user's own entry moves `me` too. */
export function putUsers(users: readonly User[]): void {
  if (users.length === 0) return;
  set((s) => {
    const next = { ...s.users };
    for (const u of users) next[u.id] = { ...next[u.id], ...u };
    const mine = s.me ? users.find((u) => u.id === s.me!.id) : undefined;
    return { users: next, ...(mine && s.me ? { me: { ...s.me, ...mine } } : {}) };
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

/** The members' read marks of a channel (GET /api/channels/:id/members). */
export function setReads(channelId: string, marks: MemberReadMark[]): void {
  set((s) => ({ reads: { ...s.reads, [channelId]: marks } }));
}

/** A `read` event: a member has read up to `seq` (marks only move forward). */
export function applyMemberRead(channelId: string, userId: string, seq: number): void {
  set((s) => {
    const marks = s.reads[channelId];
    const at = marks?.findIndex((m) => m.userId === userId) ?? -1;
    if (!marks || at < 0) return s;
    const old = marks[at]!;
    if (old.lastReadSeq !== null && old.lastReadSeq >= seq) return s;
    const next = marks.map((m, i) => (i === at ? { ...m, lastReadSeq: seq } : m));
    return { reads: { ...s.reads, [channelId]: next } };
  });
}

export function setReplyTo(channelId: string, seq: number | null): void {
  set((s) => {
    const { [channelId]: _old, ...rest } = s.replyTo;
    return { replyTo: seq === null ? rest : { ...rest, [channelId]: seq } };
  });
}

export function setEditing(editing: { channelId: string; seq: number } | null): void {
  set({ editing });
}
