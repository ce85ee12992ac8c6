// What the web client does when its socket fails: the decisions of socket-connection.ts, kept
// pure so they can be tested without a browser. Socket.IO retries a lost transport by itself,
// on the same URL for ever; a node that died never comes back there, so after a few failures
// the client asks discovery again and moves to the node it names.

/** Consecutive failed connection attempts on one URL after which discovery is asked again. */
export const REDISCOVER_AFTER = 2;

/**
 * How the socket ticket of this attempt went (cross-origin sockets only): a refusal after a
 * ticket that could not be fetched says nothing about the session.
 */
export type TicketState = "none" | "ok" | "unavailable";

export type ConnectErrorStep =
  /** The session is over: stop and show the signed-out state. */
  | "signed-out"
  /** Ask discovery where to go now (and move there if it names another URL). */
  | "rediscover"
  /** The server's middleware refused: Socket.IO does not retry that itself, retry after a backoff. */
  | "retry"
  /** Socket.IO's own reconnection carries on. */
  | "wait";

export function afterConnectError(e: {
  /** The `connect_error`'s message: a protocol code from the middleware, or a transport error. */
  message: string;
  /** Failed attempts on this socket's URL since it last connected, this one included. */
  failures: number;
  /** socket.active: Socket.IO will try again by itself. */
  willRetry: boolean;
  ticket: TicketState;
}): ConnectErrorStep {
  if (e.message === "unauthenticated" && e.ticket !== "unavailable") return "signed-out";
  if (e.failures >= REDISCOVER_AFTER) return "rediscover";
  return e.willRetry ? "wait" : "retry";
}

/**
 * After a disconnect: the server closed the socket on purpose ("io server disconnect": a node
 * shutting down, an ended session, a connection limit), which Socket.IO does not retry; ask
 * discovery (a stopping node is no longer named; an ended session is refused at the next
 * handshake). Anything else (a lost transport, a ping timeout) Socket.IO retries by itself.
 */
export function afterDisconnect(reason: string): "rediscover" | "wait" | "none" {
  if (reason === "io client disconnect") return "none";
  return reason === "io server disconnect" ? "rediscover" : "wait";
}

/** Whether a discovered URL is another place than the socket's current one. */
export function isAnotherUrl(current: string, discovered: string): boolean {
  try {
    return new URL(current).origin !== new URL(discovered).origin;
  } catch {
    return current !== discovered;
  }
}

/** A socket on another origin than the page's carries no cookie: it needs a ticket. */
export function needsTicket(socketUrl: string, pageOrigin: string | undefined): boolean {
  if (!pageOrigin) return false;
  try {
    return new URL(socketUrl, pageOrigin).origin !== pageOrigin;
  } catch {
    return false;
  }
}
