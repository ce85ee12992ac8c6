import type { Db } from "../db/types";

/**
 * The user's live connections on other nodes: their DeviceConnection rows, less those of nodes
 * that stopped refreshing theirs (crashed; the sweeper deletes them soon).
 */
export async function connectionsOnOtherNodes(db: Db, userId: string, nodeId: string, liveWithinMs: number): Promise<number> {
  return db.deviceConnection.count({
    where: { userId, nodeId: { not: nodeId }, lastSeenAt: { gt: new Date(Date.now() - liveWithinMs) } },
  });
}
