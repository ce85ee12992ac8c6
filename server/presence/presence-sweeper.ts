// Runs on every node: removes the device rows of nodes that died and this node's rows that lost
// their socket, and announces "offline" for users whose last device left more than the grace
// period ago. The UPDATE ... RETURNING makes exactly one node announce each change.
// A device row needs no refresh of its own: it lives as long as its node's ChatNode row (the
// node heartbeat, server/discovery/node-heartbeat.ts) is younger than NODE_TIMEOUT_MS.
import type { Db } from "../db/types";
import type { Publisher } from "../events/publisher";
import type { Logger } from "../log";
import { announcePresence } from "./device-presence";

export interface PresenceTimings {
  graceMs: number;
  /** A node not heard from (its ChatNode row) for this long is taken as dead. */
  nodeTimeoutMs: number;
  sweepEveryMs: number;
}

interface SweepDeps {
  db: Db;
  publisher: Publisher;
  /** The sockets this node holds right now. */
  liveSocketIds(): string[];
}

export async function sweepPresence(deps: SweepDeps, nodeId: string, t: PresenceTimings) {
  const { db } = deps;
  const live = deps.liveSocketIds();
  const timeout = t.nodeTimeoutMs / 1000;
  // Gone: rows of this node without a socket (a disconnect whose bookkeeping failed); rows of
  // nodes last heard from more than the timeout ago (crashed), which left when the node was last
  // heard from; rows of a node with no row at all (removed by hand?), once older than the
  // timeout (a starting node writes its row before it accepts sockets). A user's
  // lastDisconnectAt only moves forward: the grace period counts from the latest leave.
  await db.$executeRaw`
    WITH gone AS (
      SELECT d."socketId", d."userId", now() AS "leftAt" FROM "DeviceConnection" d
      WHERE d."nodeId" = ${nodeId} AND NOT (d."socketId" = ANY(${live}::text[])) AND d."connectedAt" < now() - interval '10 seconds'
      UNION ALL
      SELECT d."socketId", d."userId", COALESCE(n."updatedAt", now()) FROM "DeviceConnection" d
      LEFT JOIN "ChatNode" n ON n.id = d."nodeId"
      WHERE d."nodeId" <> ${nodeId}
        AND (n."updatedAt" < now() - make_interval(secs => ${timeout})
          OR (n.id IS NULL AND d."connectedAt" < now() - make_interval(secs => ${timeout})))
    ), del AS (
      DELETE FROM "DeviceConnection" d USING gone WHERE d."socketId" = gone."socketId"
      RETURNING gone."userId", gone."leftAt"
    )
    UPDATE "User" u SET "lastDisconnectAt" = GREATEST(x."leftAt", COALESCE(u."lastDisconnectAt", x."leftAt"))
    FROM (SELECT "userId", max("leftAt") AS "leftAt" FROM del GROUP BY "userId") x
    WHERE u.id = x."userId"`;
  // Dead nodes' rows, once their devices are gone (a node shutting down removes its own).
  await db.$executeRaw`
    DELETE FROM "ChatNode" n WHERE n."updatedAt" < now() - make_interval(secs => ${timeout})
      AND NOT EXISTS (SELECT 1 FROM "DeviceConnection" d WHERE d."nodeId" = n.id)`;
  const wentOffline = await db.$queryRaw<{ id: string; lastActiveAt: Date | null }[]>`
    UPDATE "User" u SET "presenceOnline" = false
    WHERE u."presenceOnline"
      AND NOT EXISTS (SELECT 1 FROM "DeviceConnection" d WHERE d."userId" = u.id)
      AND (u."lastDisconnectAt" IS NULL OR u."lastDisconnectAt" < now() - make_interval(secs => ${t.graceMs / 1000}))
    RETURNING u.id, u."lastActiveAt"`;
  for (const u of wentOffline) await announcePresence(deps, { ...u, presenceOnline: false });
}

export function startPresenceSweeper(deps: SweepDeps & { log: Logger }, nodeId: string, t: PresenceTimings) {
  let running: Promise<void> | null = null;
  const timer = setInterval(() => {
    if (running) return; // a slow database must not stack sweeps
    running = sweepPresence(deps, nodeId, t)
      .catch((err: unknown) => deps.log.error({ err }, "presence sweep failed"))
      .finally(() => (running = null));
  }, t.sweepEveryMs);
  timer.unref();
  /** Stops sweeping; resolves once a sweep in flight has finished (before the db closes). */
  return async () => {
    clearInterval(timer);
    await running;
  };
}
