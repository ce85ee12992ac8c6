// Live chat server processes, as discovery sees them. Rows are refreshed by each node; a node that
// stops refreshing (crashed) is simply not chosen once its row is older than the timeout.
import type { Db } from "../db/types";

export interface NodeInfo {
  id: string;
  /** Where clients reach this node's Socket.IO server; null = the origin they already use. */
  url: string | null;
  connections: number;
}

export async function refreshNode(db: Db, n: NodeInfo): Promise<void> {
  await db.chatNode.upsert({
    where: { id: n.id },
    create: { id: n.id, url: n.url, connections: n.connections },
    update: { url: n.url, connections: n.connections, updatedAt: new Date() },
  });
}

export async function removeNode(db: Db, id: string): Promise<void> {
  await db.chatNode.deleteMany({ where: { id } });
}

/** The least loaded live node with a URL, or null when there is none (single-process install). */
export async function leastLoadedNode(db: Db, liveWithinMs: number): Promise<string | null> {
  const n = await db.chatNode.findFirst({
    where: { url: { not: null }, updatedAt: { gt: new Date(Date.now() - liveWithinMs) } },
    orderBy: [{ connections: "asc" }, { startedAt: "asc" }],
    select: { url: true },
  });
  return n?.url ?? null;
}
