// A socket lives no longer than the credential it was opened with. It joins `session:{id}` in the
// handshake (Publisher.endSessions closes that room on every node), closes itself when the
// credential expires, and checks once more after `connect` that the session was not ended while
// it was being set up (an end published before the socket was in its room would miss it).
import { isSessionLive } from "../auth/auth-sessions";
import type { Db } from "../db/types";
import type { Logger } from "../log";
import type { ChatSocket } from "./types";

// setTimeout fires at once for delays past 2^31-1 ms (~24.8 days): longer waits go in steps.
const MAX_TIMER_MS = 2 ** 31 - 1;

export function guardSession(socket: ChatSocket, deps: { db: Db; log: Logger }): void {
  let timer: NodeJS.Timeout | undefined;
  const arm = () => {
    const left = socket.data.sessionExpiresAt - Date.now();
    if (left <= 0) return void socket.disconnect(true);
    timer = setTimeout(arm, Math.min(left, MAX_TIMER_MS));
    timer.unref();
  };
  arm();
  socket.on("disconnect", () => clearTimeout(timer));

  // The socket is registered with the namespace by now, so an end committed after this read
  // reaches it through its room; one committed before is seen here.
  isSessionLive(deps.db, socket.data.sessionId)
    .then((live) => {
      if (!live) socket.disconnect(true);
    })
    .catch((err: unknown) => deps.log.error({ err, userId: socket.data.userId }, "session check failed"));
}
