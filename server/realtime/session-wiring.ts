// A socket lives no longer than the credential it was opened with. It joins `session:{id}` in the
// handshake (Publisher.endSessions closes that room on every node) and closes itself when the
// credential expires. A session ended while the socket was being set up is caught on `connect`
// (chat-server.ts: by the handshake registry on one node, by a read on a cluster's).
import type { ChatSocket } from "./types";

// setTimeout fires at once for delays past 2^31-1 ms (~24.8 days): longer waits go in steps.
const MAX_TIMER_MS = 2 ** 31 - 1;

export function guardSession(socket: ChatSocket): void {
  let timer: NodeJS.Timeout | undefined;
  const arm = () => {
    const left = socket.data.sessionExpiresAt - Date.now();
    if (left <= 0) return void socket.disconnect(true);
    timer = setTimeout(arm, Math.min(left, MAX_TIMER_MS));
    timer.unref();
  };
  arm();
  socket.on("disconnect", () => clearTimeout(timer));
}
