// The chat socket (the one place it is created): asks discovery which server to use, connects,
// and reconnects (Socket.IO's own retries, plus the cases it does not retry: a refusal by the
// server's middleware, a socket the server closed on purpose). Follows the browser's network
// state, and on each connect starts the heartbeat, sends the outbox and catches up.
import { io } from "socket.io-client";
import { api } from "./api";
import { catchUp, listChannels } from "./catch-up";
import { backoff, type ChatSocket, isOffline, later, type Session, untilDone } from "./chat-session";
import { listenToLiveEvents } from "./live-events";
import { sendChanges } from "./message-changes";
import { sendAll } from "./outbox";
import { startHeartbeat, stopHeartbeat } from "./presence";
import { setStatus } from "./store";

/** Opens the session's socket on the server discovery names (retrying discovery until it answers). */
export async function connectSocket(s: Session): Promise<void> {
  watchNetwork(s);
  // A device that holds nothing yet shows its list as soon as HTTP answers, socket or not.
  if (!isOffline()) void listChannels(s);
  const discovery = await untilDone(s, () => api("GET /api/discovery"));
  if (s.stopped || !discovery) return;
  const socket: ChatSocket = io(discovery.url, {
    withCredentials: true,
    autoConnect: false,
    reconnectionDelay: 500,
    reconnectionDelayMax: 5_000,
  });
  s.socket = socket;
  followConnection(s, socket);
  listenToLiveEvents(s, socket);
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

function followConnection(s: Session, socket: ChatSocket): void {
  socket.on("connect", () => {
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
}
