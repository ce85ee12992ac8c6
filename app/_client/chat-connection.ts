// The one owner of the chat socket (DESIGN point 10): connection and reconnection, catch-up by
// sync cursors and gap fetches, the outbox (send, retry with the same clientMsgId until acked),
// read marks and heartbeats, and going offline and back. Framework-free: the UI reads the store
// and calls the functions exported here.
import { io, type Socket } from "socket.io-client";
import type { ClientToServerEvents, ServerToClientEvents } from "@/lib/contract/events";
import { LIMITS } from "@/lib/contract/limits";
import { type BodyProblem, bodyProblem } from "@/lib/contract/message-body";
import type { Message, User } from "@/lib/contract/models";
import { ApiError, apiGet } from "./api";
import { refreshChannels } from "./channels";
import {
  behind,
  channelsWithGaps,
  closeDevice,
  deviceWritesDone,
  dropOutbox,
  gapOf,
  keepOutbox,
  openDevice,
  syncCursors,
  takeChannel,
  takeChannelViews,
  takeMessages,
} from "./device-state";
import { deleteDeviceDatabase, indexedDbAvailable, openIndexedDbStore } from "./indexeddb-store";
import { type ChatLocalStore, createMemoryLocalStore, type OutboxItem } from "./local-store";
import { forgetOfflinePages } from "./offline-cache";
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
/** Refusals worth trying again later rather than showing as failed. */
const TRANSIENT = new Set(["rate_limited", "internal"]);

interface Session {
  me: User;
  socket: ChatSocket | null;
  stopped: boolean;
  everConnected: boolean;
  /** Channels with a message:send awaiting its ack: one at a time per channel keeps their order. */
  inFlight: Set<string>;
  syncing: boolean;
  syncAgain: boolean;
  /** Channels whose missing seqs are being fetched over HTTP. */
  filling: Set<string>;
  failures: number;
  /** Counts connects: acks from before a reconnect no longer drive the outbox. */
  connection: number;
  heartbeat: ReturnType<typeof setInterval> | null;
  timers: Set<ReturnType<typeof setTimeout>>;
  /** Waits for a retry that the network coming back ends early. */
  wakers: Set<() => void>;
  /** Per channel, when this device last said the user was typing. */
  typingSentAt: Map<string, number>;
  /** The channel list being fetched: one request at a time. */
  listing: Promise<void> | null;
  unwatch: () => void;
}

let current: Session | null = null;

/** Starts (once per signed-in user) the device store, the connection and the catch-up. */
export function startChat(me: User, store?: ChatLocalStore): void {
  if (current && current.me.id === me.id && !current.stopped) return;
  if (current) endSession(current);
  const s: Session = {
    me,
    socket: null,
    stopped: false,
    everConnected: false,
    inFlight: new Set(),
    syncing: false,
    syncAgain: false,
    filling: new Set(),
    failures: 0,
    connection: 0,
    heartbeat: null,
    timers: new Set(),
    wakers: new Set(),
    typingSentAt: new Map(),
    listing: null,
    unwatch: () => {},
  };
  current = s;
  resetChat(me);
  setStatus(isOffline() ? "offline" : "connecting");
  void boot(s, store);
}

function endSession(s: Session): void {
  if (current === s) current = null;
  s.stopped = true;
  for (const t of s.timers) clearTimeout(t);
  if (s.heartbeat) clearInterval(s.heartbeat);
  s.unwatch();
  s.socket?.disconnect();
  forgetTyping();
  // Synchronously, so that a session started right after is not wiped by this one's end.
  closeDevice().close();
  resetChat(null);
}

/** Log-out: closes the socket and deletes what the device holds for the user. */
export async function stopChat(): Promise<void> {
  const s = current;
  if (!s) return;
  endSession(s);
  // Log-out must not hang on the device's cleanup (a write or a cache call that never settles):
  // what is left is finished by the browser after the page has moved on.
  const cleanup = (async () => {
    await deviceWritesDone();
    await Promise.all([deleteDeviceDatabase(s.me.id), forgetOfflinePages()]);
  })();
  await Promise.race([cleanup, new Promise((r) => setTimeout(r, 4_000))]);
}

function isOffline(): boolean {
  return typeof navigator !== "undefined" && navigator.onLine === false;
}

async function openStore(userId: string): Promise<ChatLocalStore> {
  if (!indexedDbAvailable()) return createMemoryLocalStore();
  try {
    return await openIndexedDbStore(userId);
  } catch (err) {
    // E.g. storage disabled by the browser: the app works, without surviving a reload.
    console.warn("IndexedDB unavailable; this device will not keep messages:", err);
    return createMemoryLocalStore();
  }
}

async function boot(s: Session, given?: ChatLocalStore): Promise<void> {
  const store = given ?? (await openStore(s.me.id));
  let opened = false;
  try {
    opened = await openDevice(store, () => !s.stopped);
  } catch (err) {
    console.warn("Could not read this device's store:", err);
    opened = await openDevice(createMemoryLocalStore(), () => !s.stopped);
  }
  if (!opened) {
    store.close();
    return;
  }
  watchNetwork(s);
  // A device that holds nothing yet shows its list as soon as HTTP answers, socket or not.
  if (!isOffline()) void listChannels(s);
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
  if (!isOffline()) socket.connect();
}

/**
 * Chromium's offline mode (and some real networks) can leave an open WebSocket alive: on the
 * window's `offline` event the socket is closed on purpose, so that the device really is offline
 * and catches up by sync when the network returns.
 */
function watchNetwork(s: Session): void {
  if (typeof window === "undefined") return;
  const offline = () => {
    if (s.stopped) return;
    setStatus("offline");
    s.socket?.disconnect();
  };
  const online = () => {
    if (s.stopped) return;
    setStatus(s.everConnected ? "reconnecting" : "connecting");
    for (const wake of s.wakers) wake();
    s.wakers.clear();
    if (s.socket && !s.socket.connected && !s.socket.active) s.socket.connect();
  };
  window.addEventListener("offline", offline);
  window.addEventListener("online", online);
  s.unwatch = () => {
    window.removeEventListener("offline", offline);
    window.removeEventListener("online", online);
  };
  if (isOffline()) setStatus("offline");
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
      await pause(s, backoff(attempt));
    }
  }
  return undefined;
}

/** Waits `ms`, or less when the network comes back. */
function pause(s: Session, ms: number): Promise<void> {
  return new Promise<void>((resolve) => {
    const wake = () => {
      s.wakers.delete(wake);
      resolve();
    };
    s.wakers.add(wake);
    later(s, wake, ms);
  });
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
    s.connection++;
    s.inFlight.clear();
    s.everConnected = true;
    s.failures = 0;
    setStatus("connected");
    if (s.heartbeat) clearInterval(s.heartbeat);
    s.heartbeat = setInterval(() => {
      // A hidden app stays connected without making the user look active (last seen).
      const active = typeof document === "undefined" || document.visibilityState !== "hidden";
      if (socket.connected) socket.timeout(HEARTBEAT_MS).emit("heartbeat", { active }, () => {});
    }, HEARTBEAT_MS);
    sendAll(s);
    void catchUp(s);
  });

  socket.on("disconnect", (reason) => {
    if (s.heartbeat) clearInterval(s.heartbeat);
    s.heartbeat = null;
    if (s.stopped) return;
    setStatus(isOffline() ? "offline" : "reconnecting");
    // The server closed this socket on purpose (e.g. shutting down): Socket.IO does not retry it.
    if (reason === "io server disconnect") later(s, () => !isOffline() && socket.connect(), backoff(s.failures++));
  });

  socket.on("connect_error", (err) => {
    if (s.stopped) return;
    if (err.message === "unauthenticated") {
      s.stopped = true;
      socket.disconnect();
      setStatus("signed-out");
      return;
    }
    setStatus(isOffline() ? "offline" : s.everConnected ? "reconnecting" : "connecting");
    // A refusal by the server's middleware is not retried by Socket.IO itself.
    if (!socket.active) later(s, () => !isOffline() && socket.connect(), backoff(s.failures++));
  });

  socket.on("message", (m) => {
    if (!chatStore.getState().channels[m.channelId]) refreshChannelsSoon(s);
    takeMessages([m]);
    noteLiveMention(m);
    // A seq after a gap: the ones between were missed (a sync in progress brings them itself).
    if (!s.syncing && gapOf(m.channelId)) void fillGap(s, m.channelId);
  });
  socket.on("channel", (c) => {
    takeChannel(c);
    // Added to a conversation that already has messages: fetch them (see SYNC_WHOLE_UP_TO).
    if (behind(c.id)) void syncUntilCurrent(s);
  });
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
    void listChannels(s).then(() => syncUntilCurrent(s));
  }, 300);
}

/**
 * After every (re)connect: the channel list first (it sets where sync starts for a channel new to
 * this device: device-state SYNC_WHOLE_UP_TO), then sync from the cursors, then any gaps.
 */
async function catchUp(s: Session): Promise<void> {
  await listChannels(s);
  await syncUntilCurrent(s);
}

function listChannels(s: Session): Promise<void> {
  s.listing ??= refreshChannels()
    .catch(() => {})
    .finally(() => {
      s.listing = null;
    });
  return s.listing;
}

/** Asks for everything after our cursors, page by page, until the server says there is no more. */
async function syncUntilCurrent(s: Session): Promise<void> {
  if (s.syncing) {
    s.syncAgain = true;
    return;
  }
  s.syncing = true;
  let done = false;
  try {
    do {
      s.syncAgain = false;
      for (let round = 0; round < 10_000; round++) {
        const socket = s.socket;
        if (s.stopped || !socket?.connected) return;
        const knownBefore = new Set(Object.keys(chatStore.getState().channels));
        const cursors = syncCursors();
        const res = await socket.timeout(SYNC_TIMEOUT_MS).emitWithAck("sync", { cursors, limit: LIMITS.syncMax });
        if (s.stopped) return;
        if (!res.ok) throw new Error(res.error.message);
        takeChannelViews(res.channels, { listed: true, baseline: "zero", knownBefore });
        takeMessages(res.messages);
        resendReadsAhead(s, res.channels);
        if (!res.more || sameCursors(cursors, syncCursors())) break;
      }
    } while (s.syncAgain);
    done = true;
  } catch {
    if (!s.stopped && s.socket?.connected) later(s, () => void syncUntilCurrent(s), 3_000);
  } finally {
    s.syncing = false;
  }
  if (done) for (const channelId of channelsWithGaps()) void fillGap(s, channelId);
}

function sameCursors(a: Record<string, number>, b: Record<string, number>): boolean {
  const keys = Object.keys(b);
  return keys.length === Object.keys(a).length && keys.every((k) => a[k] === b[k]);
}

/** Fetches the messages missing between a channel's cursor and the newest seq it holds. */
async function fillGap(s: Session, channelId: string): Promise<void> {
  if (s.filling.has(channelId)) return;
  s.filling.add(channelId);
  try {
    for (let page = 0; page < 1_000 && !s.stopped; page++) {
      const gap = gapOf(channelId);
      if (!gap) break;
      const qs = new URLSearchParams({ after: String(gap.after), limit: String(Math.min(LIMITS.historyMax, gap.upTo - gap.after)) });
      const { messages } = await apiGet<{ messages: Message[] }>(`/api/channels/${encodeURIComponent(channelId)}/messages?${qs}`);
      if (messages.length === 0) break;
      takeMessages(messages);
    }
  } catch {
    // Offline or refused: the next sync (on reconnect) covers the same seqs.
  } finally {
    s.filling.delete(channelId);
  }
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
 * Queues a message: shown at once as pending, kept in the device's outbox, sent when connected
 * and retried with the same clientMsgId until acknowledged. Returns why it cannot be sent, or null.
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
  keepOutbox(item);
  sendNext(s, channelId);
  return null;
}

export function retryMessage(clientMsgId: string): void {
  const s = current;
  const p = findPending(clientMsgId);
  if (!s || !p) return;
  const again: OutboxItem = { ...p, state: "sending", error: undefined };
  putPending(again);
  keepOutbox(again);
  sendNext(s, p.channelId);
}

export function discardMessage(clientMsgId: string): void {
  const p = findPending(clientMsgId);
  if (!p) return;
  dropPending(p.channelId, clientMsgId);
  dropOutbox(clientMsgId);
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
  const connection = s.connection;
  const payload = { channelId, clientMsgId: next.clientMsgId, body: next.body };
  socket.timeout(SEND_TIMEOUT_MS).emit("message:send", payload, (err, ack) => {
    if (s.stopped) return;
    if (!err && ack.ok) takeMessages([ack.message]);
    // After a reconnect everything pending was sent again: this answer's turn is over.
    if (s.connection !== connection) return;
    s.inFlight.delete(channelId);
    if (err) {
      // Timed out or disconnected: the same clientMsgId goes again; the server stores it at most once.
      later(s, () => sendNext(s, channelId), 1_000);
      return;
    }
    if (!ack.ok) {
      if (TRANSIENT.has(ack.error.code)) {
        later(s, () => sendNext(s, channelId), backoff(s.failures++));
        return;
      }
      if (findPending(next.clientMsgId)) {
        const failed: OutboxItem = { ...next, state: "failed", error: ack.error.message };
        putPending(failed);
        keepOutbox(failed);
      }
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
  // When offline the mark is kept on the device; the next sync finds the server behind and sends it then.
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
