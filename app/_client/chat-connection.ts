// The one owner of the chat socket (DESIGN point 10): connection and reconnection, catch-up by
// sync cursors, the outbox (send, retry with the same clientMsgId until acked), read marks and
// heartbeats. Framework-free: the UI reads the store and calls the functions exported here.
import { io, type Socket } from "socket.io-client";
import type { ClientToServerEvents, ServerToClientEvents } from "@/lib/contract/events";
import { type BodyProblem, bodyProblem } from "@/lib/contract/message-body";
import { LIMITS } from "@/lib/contract/limits";
import type { User } from "@/lib/contract/models";
import { ApiError, apiGet } from "./api";
import { refreshChannels } from "./channels";
import { forgetDevice, localStore, openDevice, syncCursors, takeChannel, takeChannelViews, takeMessages } from "./device-state";
import type { ChatLocalStore, OutboxItem } from "./local-store";
import { noteLiveMention } from "./search";
import { forgetTyping, noteTyping } from "./typing";
import {
  applyPresence,
  applyRead,
  chatStore,
  dropPending,
  findPending,
  putPending,
  resetChat,
  setStatus,
} from "./store";

type ChatSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

const SEND_TIMEOUT_MS = 10_000;
const SYNC_TIMEOUT_MS = 30_000;
const HEARTBEAT_MS = 25_000;
/** At most one `typing` per channel in this time while the user types. */
const TYPING_EVERY_MS = 3_000;

interface Session {
  me: User;
  socket: ChatSocket | null;
  stopped: boolean;
  everConnected: boolean;
  /** Channels with a message:send awaiting its ack: one at a time per channel keeps their order. */
  inFlight: Set<string>;
  syncing: boolean;
  syncAgain: boolean;
  failures: number;
  heartbeat: ReturnType<typeof setInterval> | null;
  timers: Set<ReturnType<typeof setTimeout>>;
  /** Per channel, when this device last said the user was typing. */
  typingSentAt: Map<string, number>;
}

let current: Session | null = null;

/** Starts (once per signed-in user) the connection and the catch-up. */
export function startChat(me: User, store?: ChatLocalStore): void {
  if (current && current.me.id === me.id && !current.stopped) return;
  if (current) void stopChat();
  const s: Session = {
    me,
    socket: null,
    stopped: false,
    everConnected: false,
    inFlight: new Set(),
    syncing: false,
    syncAgain: false,
    failures: 0,
    heartbeat: null,
    timers: new Set(),
    typingSentAt: new Map(),
  };
  current = s;
  resetChat(me);
  setStatus("connecting");
  void boot(s, store);
}

/** Log-out: closes the socket and forgets what the device held. */
export async function stopChat(): Promise<void> {
  const s = current;
  current = null;
  if (s) {
    s.stopped = true;
    for (const t of s.timers) clearTimeout(t);
    if (s.heartbeat) clearInterval(s.heartbeat);
    s.socket?.disconnect();
  }
  forgetTyping();
  // Synchronously, so that a session started right after is not wiped by this one's end.
  resetChat(null);
  await forgetDevice();
}

async function boot(s: Session, store?: ChatLocalStore): Promise<void> {
  const outbox = await openDevice(store);
  for (const item of outbox) if (item.state === "sending" || item.state === "failed") putPending(item);
  // The channel list first: it sets where sync starts for each channel (older history is paged).
  await untilDone(s, refreshChannels);
  const discovery = await untilDone(s, () => apiGet<{ url: string }>("/api/discovery"));
  if (s.stopped || !discovery) return;
  const socket: ChatSocket = io(discovery.url, {
    withCredentials: true,
    autoConnect: false,
    reconnectionDelay: 500,
    reconnectionDelayMax: 5_000,
  });
  s.socket = socket;
  listen(s, socket);
  socket.connect();
}

/** Retries an HTTP step with backoff until it works, the session stops, or we are signed out. */
async function untilDone<T>(s: Session, step: () => Promise<T>): Promise<T | undefined> {
  for (let attempt = 0; !s.stopped; attempt++) {
    try {
      return await step();
    } catch (err) {
      if (err instanceof ApiError && err.code === "unauthenticated") {
        setStatus("signed-out");
        s.stopped = true;
        return undefined;
      }
      await new Promise<void>((r) => later(s, r, backoff(attempt)));
    }
  }
  return undefined;
}

function backoff(attempt: number): number {
  return Math.min(10_000, 500 * 2 ** attempt) * (0.75 + Math.random() / 2);
}

function later(s: Session, fn: () => void, ms: number): void {
  const t = setTimeout(() => {
    s.timers.delete(t);
    if (!s.stopped) fn();
  }, ms);
  s.timers.add(t);
}

function listen(s: Session, socket: ChatSocket): void {
  socket.on("connect", () => {
    s.everConnected = true;
    s.failures = 0;
    setStatus("connected");
    if (s.heartbeat) clearInterval(s.heartbeat);
    s.heartbeat = setInterval(() => {
      if (socket.connected) socket.timeout(HEARTBEAT_MS).emit("heartbeat", {}, () => {});
    }, HEARTBEAT_MS);
    sendAll(s);
    void syncUntilCurrent(s);
  });

  socket.on("disconnect", (reason) => {
    if (s.heartbeat) clearInterval(s.heartbeat);
    s.heartbeat = null;
    if (s.stopped) return;
    setStatus("reconnecting");
    // The server closed this socket on purpose (e.g. shutting down): Socket.IO does not retry it.
    if (reason === "io server disconnect") later(s, () => socket.connect(), backoff(s.failures++));
  });

  socket.on("connect_error", (err) => {
    if (s.stopped) return;
    if (err.message === "unauthenticated") {
      s.stopped = true;
      socket.disconnect();
      setStatus("signed-out");
      return;
    }
    setStatus(s.everConnected ? "reconnecting" : "connecting");
    // A refusal by the server's middleware is not retried by Socket.IO itself.
    if (!socket.active) later(s, () => socket.connect(), backoff(s.failures++));
  });

  socket.on("message", (m) => {
    if (!chatStore.getState().channels[m.channelId]) refreshChannelsSoon(s);
    takeMessages([m]);
    noteLiveMention(m);
  });
  socket.on("channel", (c) => takeChannel(c));
  socket.on("read", (r) => {
    if (r.userId === s.me.id) applyRead(r.channelId, r.seq);
  });
  socket.on("presence", (p) => applyPresence(p));
  socket.on("typing", (t) => {
    if (t.userId !== s.me.id) noteTyping(t.channelId, t.userId);
  });
}

let refreshQueued = false;
function refreshChannelsSoon(s: Session): void {
  if (refreshQueued) return;
  refreshQueued = true;
  later(s, () => {
    refreshQueued = false;
    void refreshChannels().catch(() => {});
  }, 300);
}

/** Asks for everything after our cursors, page by page, until the server says there is no more. */
async function syncUntilCurrent(s: Session): Promise<void> {
  if (s.syncing) {
    s.syncAgain = true;
    return;
  }
  s.syncing = true;
  try {
    do {
      s.syncAgain = false;
      for (let round = 0; round < 10_000; round++) {
        const socket = s.socket;
        if (s.stopped || !socket?.connected) return;
        const cursors = syncCursors();
        const res = await socket.timeout(SYNC_TIMEOUT_MS).emitWithAck("sync", { cursors });
        if (s.stopped) return;
        if (!res.ok) throw new Error(res.error.message);
        takeChannelViews(res.channels, { listed: true, baseline: "zero" });
        takeMessages(res.messages);
        resendReadsAhead(s, res.channels);
        if (!res.more || sameCursors(cursors, syncCursors())) break;
      }
    } while (s.syncAgain);
  } catch {
    if (!s.stopped && s.socket?.connected) later(s, () => void syncUntilCurrent(s), 3_000);
  } finally {
    s.syncing = false;
  }
}

function sameCursors(a: Record<string, number>, b: Record<string, number>): boolean {
  const keys = Object.keys(b);
  return keys.length === Object.keys(a).length && keys.every((k) => a[k] === b[k]);
}

/** Reads marked while the socket was down reached only this device: tell the server now. */
function resendReadsAhead(s: Session, serverViews: readonly { id: string; lastReadSeq: number }[]): void {
  const { channels } = chatStore.getState();
  for (const v of serverViews) {
    const mine = channels[v.id]?.lastReadSeq ?? 0;
    if (mine > v.lastReadSeq) emitRead(s, v.id, mine);
  }
}

function newClientMsgId(): string {
  // randomUUID exists only in secure contexts; a self-hosted install may be served over plain http.
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
}

/**
 * Queues a message: shown at once as pending, sent when connected, retried with the same
 * clientMsgId until acknowledged. Returns why it cannot be sent, or null.
 */
export function sendMessage(channelId: string, body: string): BodyProblem {
  const problem = bodyProblem(body);
  if (problem) return problem;
  const s = current;
  if (!s) return null;
  const item: OutboxItem = {
    clientMsgId: newClientMsgId(),
    channelId,
    body,
    createdAt: new Date().toISOString(),
    state: "sending",
  };
  putPending(item);
  void localStore().putOutbox(item);
  sendNext(s, channelId);
  return null;
}

export function retryMessage(clientMsgId: string): void {
  const s = current;
  const p = findPending(clientMsgId);
  if (!s || !p) return;
  const again: OutboxItem = { ...p, state: "sending", error: undefined };
  putPending(again);
  void localStore().putOutbox(again);
  sendNext(s, p.channelId);
}

export function discardMessage(clientMsgId: string): void {
  const p = findPending(clientMsgId);
  if (!p) return;
  dropPending(p.channelId, clientMsgId);
  void localStore().deleteOutbox(clientMsgId);
}

function sendAll(s: Session): void {
  for (const channelId of Object.keys(chatStore.getState().pending)) sendNext(s, channelId);
}

function sendNext(s: Session, channelId: string): void {
  const socket = s.socket;
  if (s.stopped || !socket?.connected || s.inFlight.has(channelId)) return;
  const next = chatStore.getState().pending[channelId]?.find((p) => p.state === "sending");
  if (!next) return;
  s.inFlight.add(channelId);
  const payload = { channelId, clientMsgId: next.clientMsgId, body: next.body };
  socket.timeout(SEND_TIMEOUT_MS).emit("message:send", payload, (err, ack) => {
    s.inFlight.delete(channelId);
    if (s.stopped) return;
    if (err) {
      // Timed out, or the socket dropped: the same clientMsgId goes again (now, or on reconnect).
      if (socket.connected) later(s, () => sendNext(s, channelId), 1_000);
      return;
    }
    if (ack.ok) {
      takeMessages([ack.message]);
      void localStore().deleteOutbox(next.clientMsgId);
    } else if (findPending(next.clientMsgId)) {
      const failed: OutboxItem = { ...next, state: "failed", error: ack.error.message };
      putPending(failed);
      void localStore().putOutbox(failed);
    }
    sendNext(s, channelId);
  });
}

/** The user has seen the channel up to `seq`: clears its unread count here and on their other devices. */
export function markRead(channelId: string, seq: number): void {
  const s = current;
  const ch = chatStore.getState().channels[channelId];
  if (!s || !ch || seq <= ch.lastReadSeq) return;
  applyRead(channelId, seq);
  emitRead(s, channelId, seq);
}

function emitRead(s: Session, channelId: string, seq: number): void {
  const socket = s.socket;
  // When offline the mark stays local; the next sync finds the server behind and sends it then.
  if (socket?.connected) socket.timeout(SEND_TIMEOUT_MS).emit("read", { channelId, seq }, () => {});
}

/** The user is typing in the channel: told to its other members, at most every few seconds. */
export function sendTyping(channelId: string): void {
  const s = current;
  const socket = s?.socket;
  if (!s || !socket?.connected) return;
  const now = Date.now();
  if (now - (s.typingSentAt.get(channelId) ?? 0) < TYPING_EVERY_MS) return;
  s.typingSentAt.set(channelId, now);
  // Volatile: a typing notice that cannot go now is worthless later.
  socket.volatile.emit("typing", { channelId }, () => {});
}

/** Follows the presence of these people (the members shown of a large group, where it is not pushed). */
export async function subscribePresence(userIds: readonly string[]): Promise<void> {
  const socket = current?.socket;
  if (!socket?.connected || userIds.length === 0) return;
  const res = await socket
    .timeout(SEND_TIMEOUT_MS)
    .emitWithAck("presence:subscribe", { userIds: userIds.slice(0, LIMITS.presenceSubscribeMax) })
    .catch(() => null);
  if (res?.ok) for (const p of res.presence) applyPresence(p);
}
