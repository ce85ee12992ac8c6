// Runs on every node: keeps this node's device rows fresh, removes rows of nodes that died, and
// announces "offline" for users whose last device left more than the grace period ago. The
// UPDATE ... RETURNING makes exactly one node announce each change.
import type { Db } from "../db/types";
import type { Publisher } from "../events/publisher";
import type { Logger } from "../log";
import { announcePresence } from "./device-presence";

export interface PresenceTimings {
  graceMs: number;
  /** A node whose rows were not refreshed for this long is taken as dead. */
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
  await db.deviceConnection.updateMany({ where: { nodeId, socketId: { in: live } }, data: { lastSeenAt: new Date() } });
  // Rows of this node without a socket (a disconnect whose bookkeeping failed), and rows of
  // nodes that stopped refreshing theirs (crashed).
  const dead = await db.$queryRaw<{ userId: string }[]>`
    DELETE FROM "DeviceConnection"
    WHERE ("nodeId" = ${nodeId} AND NOT ("socketId" = ANY(${live}::text[])) AND "connectedAt" < now() - interval '10 seconds')
       OR "lastSeenAt" < now() - make_interval(secs => ${t.nodeTimeoutMs / 1000})
    RETURNING "userId"`;
  if (dead.length) {
    await db.user.updateMany({ where: { id: { in: [...new Set(dead.map((d) => d.userId))] } }, data: { lastDisconnectAt: new Date() } });
  }
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
