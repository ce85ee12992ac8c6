// The chat socket (the one place it is created): asks discovery which server to use, connects,
// and reconnects (Socket.IO's own retries, plus the cases it does not retry: a refusal by the
// server's middleware, a socket the server closed on purpose). When the node it uses stops
// answering it asks discovery again and moves to the node named (reconnect-policy.ts). Follows
// the browser's network state, and on each connect starts the heartbeat, sends the outbox and
// catches up.
import { io } from "socket.io-client";
import { api, ApiError } from "./api";
import { catchUp, listChannels } from "./catch-up";
import { backoff, type ChatSocket, isOffline, later, type Session, untilDone } from "./chat-session";
import { listenToLiveEvents } from "./live-events";
import { sendChanges } from "./message-changes";
import { sendAll } from "./outbox";
import { startHeartbeat, stopHeartbeat } from "./presence";
import { afterConnectError, afterDisconnect, isAnotherUrl, needsTicket, type TicketState } from "./reconnect-policy";
import { setStatus } from "./store";

/** Opens the session's socket on the server discovery names (retrying discovery until it answers). */
export async function connectSocket(s: Session): Promise<void> {
  watchNetwork(s);
  // A device that holds nothing yet shows its list as soon as HTTP answers, socket or not.
  if (!isOffline()) void listChannels(s);
  const discovery = await untilDone(s, () => api("GET /api/discovery"));
  if (s.stopped || !discovery) return;
  openSocket(s, discovery.url);
}

/**
 * A socket on `url`, with everything the session listens to attached to it once. A previous
 * socket is closed and stripped of its listeners first: only one socket drives the session.
 */
function openSocket(s: Session, url: string): void {
  const previous = s.socket;
  if (previous) {
    previous.off();
    previous.disconnect();
    stopHeartbeat(s);
  }
  const pageOrigin = typeof location === "undefined" ? undefined : location.origin;
  const withTicket = needsTicket(url, pageOrigin);
  const ticket = { state: "none" as TicketState };
  const socket: ChatSocket = io(url, {
    // Its own Manager: a move to another node leaves nothing of the previous connection behind.
    forceNew: true,
    // Another node's address gets no cookie of the page: a ticket fetched from the page's own
    // origin (with the cookie) stands in for it, fresh for every attempt (Socket.IO calls this
    // before each one).
    ...(withTicket ? { withCredentials: false, auth: (cb: (data: object) => void) => void fetchTicket(ticket).then(cb) } : { withCredentials: true }),
    autoConnect: false,
    reconnectionDelay: 500,
    reconnectionDelayMax: 5_000,
  });
  s.socket = socket;
  s.socketUrl = url;
  followConnection(s, socket, ticket);
  listenToLiveEvents(s, socket);
  if (!isOffline()) socket.connect();
}

/** `{ticket}`, or `{}` when none can be had (the handshake is then refused: see TicketState). */
async function fetchTicket(state: { state: TicketState }): Promise<{ ticket?: string }> {
  try {
    const { ticket } = await api("POST /api/socket-ticket");
    state.state = "ok";
    return { ticket };
  } catch (err) {
    // Signed out here too: the refusal that follows is the truth. Anything else: a failed attempt.
    state.state = err instanceof ApiError && err.code === "unauthenticated" ? "ok" : "unavailable";
    return {};
  }
}

/**
 * Asks discovery where to go after `socket` kept failing, and moves there when it names another
 * place. Otherwise (same node, discovery unreachable) the socket carries on: `retry` reconnects
 * one that Socket.IO will not retry itself, at once ("now": a backoff was waited already) or
 * after a backoff.
 */
function rediscover(s: Session, socket: ChatSocket, retry: "now" | "later" | false): void {
  const carryOn = () => {
    if (retry === "now" && !socket.active && !isOffline()) socket.connect();
    else if (retry) retryLater(s, socket);
  };
  if (s.rediscovering || isOffline()) return carryOn();
  s.rediscovering = true;
  void api("GET /api/discovery")
    .catch(() => null)
    .then((found) => {
      s.rediscovering = false;
      if (s.stopped || s.socket !== socket || socket.connected) return;
      if (found && isAnotherUrl(s.socketUrl, found.url)) return openSocket(s, found.url);
      carryOn();
    });
}

/** Connects `socket` again after a backoff, unless it was replaced (or reconnected) meanwhile. */
function retryLater(s: Session, socket: ChatSocket): void {
  later(s, () => s.socket === socket && !isOffline() && !socket.active && void socket.connect(), backoff(s.failures++));
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

function followConnection(s: Session, socket: ChatSocket, ticket: { state: TicketState }): void {
  // Failed attempts on this socket's URL since it last connected.
  let failures = 0;

  socket.on("connect", () => {
    failures = 0;
    s.connection++;
    s.inFlight.clear();
    s.changeInFlight = false;
    s.everConnected = true;
    s.failures = 0;
    setStatus("connected");
    startHeartbeat(s, socket);
    sendAll(s);
    sendChanges(s);
    void catchUp(s);
  });

  socket.on("disconnect", (reason) => {
    stopHeartbeat(s);
    if (s.stopped) return;
    setStatus(isOffline() ? "offline" : "reconnecting");
    // The server closed this socket on purpose (e.g. shutting down): Socket.IO does not retry it.
    if (afterDisconnect(reason) === "rediscover") later(s, () => s.socket === socket && rediscover(s, socket, "now"), backoff(s.failures++));
  });

  socket.on("connect_error", (err) => {
    if (s.stopped) return;
    const step = afterConnectError({ message: err.message, failures: ++failures, willRetry: socket.active, ticket: ticket.state });
    if (step === "signed-out") {
      s.stopped = true;
      socket.disconnect();
      setStatus("signed-out");
      return;
    }
    setStatus(isOffline() ? "offline" : s.everConnected ? "reconnecting" : "connecting");
    if (step === "rediscover") rediscover(s, socket, socket.active ? false : "later");
    // A refusal by the server's middleware is not retried by Socket.IO itself.
    else if (step === "retry") retryLater(s, socket);
  });
}
