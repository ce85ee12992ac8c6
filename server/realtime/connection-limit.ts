// MAX_CONNECTIONS_PER_USER, at the handshake (after authentication): the next connection of a
// user who holds that many gets connect_error `rate_limited`. Connections on other nodes are
// their DeviceConnection rows in Postgres; those on this node are the sockets this check let in
// (decided and recorded in one synchronous step, so a burst of handshakes cannot all slip
// through before their rows are written).
import type { Db } from "../db/types";
import type { Logger } from "../log";
import { connectionsOnOtherNodes } from "../presence/connection-quota";
import type { ChatSocket } from "./types";

export interface ConnectionLimit {
  max: number;
  nodeId: string;
  nodeTimeoutMs: number;
  log: Logger;
}

export function limitConnectionsPerUser(db: Db, limit: ConnectionLimit) {
  const admitted = new Map<string, Set<ChatSocket>>();
  return async (socket: ChatSocket, next: (err?: Error) => void) => {
    const { userId } = socket.data;
    let elsewhere: number;
    try {
      elsewhere = await connectionsOnOtherNodes(db, userId, limit.nodeId, limit.nodeTimeoutMs);
    } catch (err) {
      limit.log.error({ err }, "connection limit check failed");
      return next(new Error("internal"));
    }
    const here = admitted.get(userId) ?? new Set<ChatSocket>();
    // A connection that closed before it finished connecting never sends "disconnect".
    for (const s of here) if (s.conn.readyState !== "open") here.delete(s);
    if (here.size + elsewhere >= limit.max) return next(new Error("rate_limited"));
    here.add(socket);
    admitted.set(userId, here);
    socket.once("disconnect", () => {
      here.delete(socket);
      if (here.size === 0 && admitted.get(userId) === here) admitted.delete(userId);
    });
    next();
  };
}
