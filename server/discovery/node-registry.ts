// Live chat server processes, as discovery and presence see them. Each node writes its row every
// NODE_HEARTBEAT_MS; a node is live while its row is younger than NODE_TIMEOUT_MS. Times are the
// database's clock (now()) on both sides, so the nodes' clocks need not agree.
import type { Db } from "../db/types";

export interface NodeInfo {
  id: string;
  /** Where clients reach this node's Socket.IO server; null = the origin they already use. */
  url: string | null;
  connections: number;
  /** Shutting down: alive until its sockets are closed, but no longer handed out. */
  draining: boolean;
}

/**
 * The heartbeat. The clients discovery handed this node since the previous beat are kept one
 * more interval (`assignedPrior`): they may not have connected yet, so `connections` may not
 * count them. Answers whether the node was live before this beat (false: first beat, or other
 * nodes may have taken it for dead and swept its devices).
 */
export async function refreshNode(db: Db, n: NodeInfo, liveWithinMs: number): Promise<boolean> {
  const [row] = await db.$queryRaw<{ wasLive: boolean }[]>`
    WITH prev AS (SELECT "updatedAt" FROM "ChatNode" WHERE id = ${n.id})
    INSERT INTO "ChatNode" AS c (id, url, connections, draining, "startedAt", "updatedAt")
    VALUES (${n.id}, ${n.url}, ${n.connections}, ${n.draining}, now(), now())
    ON CONFLICT (id) DO UPDATE SET url = EXCLUDED.url, connections = EXCLUDED.connections, draining = EXCLUDED.draining,
      "updatedAt" = now(), "assignedPrior" = c."assignedRecent", "assignedRecent" = 0
    RETURNING COALESCE((SELECT "updatedAt" > now() - make_interval(secs => ${liveWithinMs / 1000}) FROM prev), false) AS "wasLive"`;
  return row?.wasLive ?? false;
}

export async function removeNode(db: Db, id: string): Promise<void> {
  await db.chatNode.deleteMany({ where: { id } });
}

export interface AssignedNode {
  id: string;
  url: string;
  /** How long ago (database clock) its last heartbeat was written. */
  ageMs: number;
}

/**
 * The live node with a URL that has the fewest clients (connected, plus handed out lately),
 * counted as handed one more; null when there is none (single-process install). One statement
 * picks and counts, so a burst of calls spreads: each sees the ones before it. Rows locked by
 * calls in flight are skipped; ties are broken at random. `exclude`: nodes the caller has
 * found dead (discover.ts).
 */
export async function assignNode(db: Db, liveWithinMs: number, exclude: readonly string[] = []): Promise<AssignedNode | null> {
  const secs = liveWithinMs / 1000;
  // One row always: the pick (or nulls), and how many nodes could have been picked, so that a
  // single-process install (no node with a URL) costs one statement, not two.
  const [first] = await db.$queryRaw<(AssignedNode & { candidates: number })[]>`
    WITH pick AS (
      SELECT id FROM "ChatNode"
      WHERE url IS NOT NULL AND NOT draining AND "updatedAt" > now() - make_interval(secs => ${secs})
        AND id <> ALL(${exclude}::text[])
      ORDER BY connections + "assignedRecent" + "assignedPrior", random()
      LIMIT 1 FOR UPDATE SKIP LOCKED
    ), assigned AS (
      UPDATE "ChatNode" n SET "assignedRecent" = n."assignedRecent" + 1 FROM pick WHERE n.id = pick.id
      RETURNING n.id, n.url, (extract(epoch FROM now() - n."updatedAt") * 1000)::float8 AS "ageMs"
    )
    SELECT a.id, a.url, a."ageMs",
      (SELECT count(*)::int FROM "ChatNode"
        WHERE url IS NOT NULL AND NOT draining AND "updatedAt" > now() - make_interval(secs => ${secs})
          AND id <> ALL(${exclude}::text[])) AS candidates
    FROM (SELECT 1) one LEFT JOIN assigned a ON true`;
  if (first?.id) return { id: first.id, url: first.url, ageMs: first.ageMs };
  if (!first?.candidates) return null;
  // Every live node is locked by other calls right now: wait for one.
  const waited = await db.$queryRaw<AssignedNode[]>`
    WITH pick AS (
      SELECT id FROM "ChatNode"
      WHERE url IS NOT NULL AND NOT draining AND "updatedAt" > now() - make_interval(secs => ${secs})
        AND id <> ALL(${exclude}::text[])
      ORDER BY connections + "assignedRecent" + "assignedPrior", random()
      LIMIT 1 FOR UPDATE
    )
    UPDATE "ChatNode" n SET "assignedRecent" = n."assignedRecent" + 1 FROM pick WHERE n.id = pick.id
    RETURNING n.id, n.url, (extract(epoch FROM now() - n."updatedAt") * 1000)::float8 AS "ageMs"`;
  return waited[0] ?? null;
}

/**
 * Takes back a hand-out that was not made (discovery found the node dead), so the node's count
 * stays true. Never below zero: a heartbeat may have moved the count to `assignedPrior` meanwhile.
 */
export async function unassignNode(db: Db, id: string): Promise<void> {
  await db.$executeRaw`UPDATE "ChatNode" SET "assignedRecent" = GREATEST("assignedRecent" - 1, 0) WHERE id = ${id}`;
}
