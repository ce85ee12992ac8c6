// The signed-in session that the connection modules share: its socket, what is in flight, and its
// timers. Everything here ends with the session (a log-out, or another user signing in on the same
// tab), so nothing of one user's session can act in the next one.
import type { Socket } from "socket.io-client";
import type { ClientToServerEvents, ServerToClientEvents } from "@/lib/contract/events";
import type { User } from "@/lib/contract/models";
import { ApiError } from "./api";
import { setStatus } from "./store";

export type ChatSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** How long an emit waits for its ack before it counts as lost. */
export const ACK_TIMEOUT_MS = 10_000;

export interface Session {
  me: User;
  /** The socket, owned by socket-connection; null until discovery has answered. */
  socket: ChatSocket | null;
  /** Where the socket connects (the URL discovery named last). */
  socketUrl: string;
  /** Discovery is being asked again (socket-connection.ts). */
  rediscovering: boolean;
  stopped: boolean;
  everConnected: boolean;
  /** Channels with a message:send awaiting its ack: one at a time per channel keeps their order. */
  inFlight: Set<string>;
  /** An edit, delete or reaction awaiting its ack: one at a time keeps them in the order made. */
  changeInFlight: boolean;
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
  /** A channel list refresh is queued (a message came for a channel not listed yet). */
  refreshQueued: boolean;
  unwatch: () => void;
}

let current: Session | null = null;

export function currentSession(): Session | null {
  return current;
}

export function newSession(me: User): Session {
  current = {
    me,
    socket: null,
    socketUrl: "",
    rediscovering: false,
    stopped: false,
    everConnected: false,
    inFlight: new Set(),
    changeInFlight: false,
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
    refreshQueued: false,
    unwatch: () => {},
  };
  return current;
}

/** Stops the session's timers, network watch and socket. */
export function stopSession(s: Session): void {
  if (current === s) current = null;
  s.stopped = true;
  for (const t of s.timers) clearTimeout(t);
  if (s.heartbeat) clearInterval(s.heartbeat);
  s.unwatch();
  s.socket?.disconnect();
}

/** The socket when it is connected: what every emit needs first. */
export function connectedSocket(s: Session | null): ChatSocket | null {
  const socket = s?.socket;
  return s && !s.stopped && socket?.connected ? socket : null;
}

export function isOffline(): boolean {
  return typeof navigator !== "undefined" && navigator.onLine === false;
}

export function backoff(attempt: number): number {
  return Math.min(10_000, 500 * 2 ** attempt) * (0.75 + Math.random() / 2);
}

/** Runs `fn` after `ms` unless the session has ended by then. */
export function later(s: Session, fn: () => void, ms: number): void {
  const t = setTimeout(() => {
    s.timers.delete(t);
    if (!s.stopped) fn();
  }, ms);
  s.timers.add(t);
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

/** Retries an HTTP step with backoff until it works, the session stops, or we are signed out. */
export async function untilDone<T>(s: Session, step: () => Promise<T>): Promise<T | undefined> {
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
