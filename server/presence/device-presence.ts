// A device's life as presence sees it: connect, heartbeat, disconnect. The rows live in Postgres
// so every node agrees on who is online; announcements happen once per change of state.
import type { Db } from "../db/types";
import type { Publisher } from "../events/publisher";
import { audiencePresence, presenceAudience } from "./presence-audience";
import type { PresenceState } from "../../lib/contract/models";
import { toPresence } from "./presence-state";

interface Deps {
  db: Db;
  publisher: Publisher;
}

/** Publishes a user's presence to their audience and to devices that subscribed to them. */
export async function announcePresence({ db, publisher }: Deps, u: { id: string; presenceOnline: boolean; lastActiveAt: Date | null }) {
  const audience = await presenceAudience(db, u.id);
  publisher.publish("presence", toPresence(u), { users: audience, presenceOf: [u.id] });
}

/**
 * Records the device and brings the user online in one statement (one commit). Only the device
 * that turns the user online announces it (and only once, whatever the node): `wasOnline` is read
 * under the row lock, so of two devices connecting at once exactly one sees it false. Returns the
 * presence of the user's audience when it was read (to announce), which is also the device's
 * initial presence.
 */
export async function deviceConnected(deps: Deps, nodeId: string, socketId: string, userId: string): Promise<PresenceState[] | undefined> {
  const { db } = deps;
  const [row] = await db.$queryRaw<{ id: string; lastActiveAt: Date | null; wasOnline: boolean }[]>`
    WITH device AS (
      INSERT INTO "DeviceConnection" ("socketId", "userId", "nodeId") VALUES (${socketId}, ${userId}, ${nodeId})
      RETURNING "userId"
    ), before AS (
      SELECT u.id, u."presenceOnline" FROM "User" u JOIN device ON device."userId" = u.id FOR UPDATE OF u
    )
    UPDATE "User" u SET "presenceOnline" = true, "lastActiveAt" = now()
    FROM before WHERE u.id = before.id
    RETURNING u.id, u."lastActiveAt", before."presenceOnline" AS "wasOnline"`;
  if (!row || row.wasOnline) return undefined;
  const audience = (await audiencePresence(db, userId)).map(toPresence);
  deps.publisher.publish("presence", toPresence({ ...row, presenceOnline: true }), { users: audience.map((p) => p.userId), presenceOf: [userId] });
  return audience;
}

/**
 * The user stays "online" through the grace period; the sweeper announces offline after it. One
 * statement: a sweep between deleting the row and stamping the time would see no device and an
 * old lastDisconnectAt, and announce "offline" at once.
 */
export async function deviceDisconnected({ db }: Deps, socketId: string, userId: string) {
  await db.$executeRaw`
    WITH gone AS (DELETE FROM "DeviceConnection" WHERE "socketId" = ${socketId})
    UPDATE "User" SET "lastDisconnectAt" = now() WHERE id = ${userId}`;
}

/** The initial presence a device gets right after connecting: every user in its audience. */
export async function initialPresence(db: Db, userId: string, known?: PresenceState[]): Promise<PresenceState[]> {
  return known ?? (await audiencePresence(db, userId)).map(toPresence);
}

/** On graceful shutdown: this node's devices are gone; their users go offline after the grace period unless they reconnect elsewhere. */
export async function releaseNode(db: Db, nodeId: string) {
  // One statement, for the reason given at deviceDisconnected.
  await db.$executeRaw`
    WITH gone AS (DELETE FROM "DeviceConnection" WHERE "nodeId" = ${nodeId} RETURNING "userId")
    UPDATE "User" SET "lastDisconnectAt" = now() WHERE id IN (SELECT "userId" FROM gone)`;
}

/**
 * This node's connected devices, registered again: after the node was silent past
 * NODE_TIMEOUT_MS (a stall, or the database out of reach), other nodes may have swept its rows
 * and announced its users offline although their sockets stayed open.
 */
export async function reregisterDevices(deps: Deps, nodeId: string, devices: readonly { socketId: string; userId: string }[]) {
  if (!devices.length) return;
  const { db } = deps;
  const socketIds = devices.map((d) => d.socketId);
  const userIds = devices.map((d) => d.userId);
  await db.$executeRaw`
    INSERT INTO "DeviceConnection" ("socketId", "userId", "nodeId", "connectedAt")
    SELECT x.s, x.u, ${nodeId}, now() FROM unnest(${socketIds}::text[], ${userIds}::text[]) AS x(s, u)
    WHERE EXISTS (SELECT 1 FROM "User" WHERE id = x.u)
    ON CONFLICT ("socketId") DO NOTHING`;
  const turnedOnline = await db.$queryRaw<{ id: string; lastActiveAt: Date | null }[]>`
    UPDATE "User" SET "presenceOnline" = true
    WHERE id = ANY(${[...new Set(userIds)]}::text[]) AND NOT "presenceOnline"
    RETURNING id, "lastActiveAt"`;
  for (const u of turnedOnline) await announcePresence(deps, { ...u, presenceOnline: true });
}
