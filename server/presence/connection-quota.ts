import type { Db } from "../db/types";

/**
 * The user's live connections on other nodes: their DeviceConnection rows on nodes heard from
 * within the timeout (a crashed node's rows are swept soon; they no longer count).
 */
export async function connectionsOnOtherNodes(db: Db, userId: string, nodeId: string, liveWithinMs: number): Promise<number> {
  const [row] = await db.$queryRaw<{ n: number }[]>`
    SELECT count(*)::int AS n FROM "DeviceConnection" d JOIN "ChatNode" c ON c.id = d."nodeId"
    WHERE d."userId" = ${userId} AND d."nodeId" <> ${nodeId}
      AND c."updatedAt" > now() - make_interval(secs => ${liveWithinMs / 1000})`;
  return row?.n ?? 0;
}
