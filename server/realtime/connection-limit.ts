// MAX_CONNECTIONS_PER_USER, at the handshake (after authentication): the next connection of a
// user who holds that many gets connect_error `rate_limited`. Connections on other nodes are
// their DeviceConnection rows in Postgres (counted by the handshake's one query,
// handshake-lookup.ts); those on this node are the sockets this check let in (decided and
// recorded in one synchronous step, so a burst of handshakes cannot all slip through before
// their rows are written).
import type { ChatSocket } from "./types";

export interface ConnectionLimiter {
  /** Whether one more connection of the socket's user is allowed; if so it now counts. */
  admit(socket: ChatSocket, elsewhere: number): boolean;
}

export function connectionLimiter(max: number): ConnectionLimiter {
  const admitted = new Map<string, Set<ChatSocket>>();
  return {
    admit(socket, elsewhere) {
      const { userId } = socket.data;
      const here = admitted.get(userId) ?? new Set<ChatSocket>();
      // A connection that closed before it finished connecting never sends "disconnect".
      for (const s of here) if (s.conn.readyState !== "open") here.delete(s);
      if (here.size + elsewhere >= max) return false;
      here.add(socket);
      admitted.set(userId, here);
      socket.once("disconnect", () => {
        here.delete(socket);
        if (here.size === 0 && admitted.get(userId) === here) admitted.delete(userId);
      });
      return true;
    },
  };
}
