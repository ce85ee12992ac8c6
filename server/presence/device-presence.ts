// A device's life as presence sees it: connect, heartbeat, disconnect. The rows live in Postgres
// so every node agrees on who is online; announcements happen once per change of state.
import type { Db } from "../db/types";
import type { Publisher } from "../events/publisher";
import { rawQuery } from "../db/raw-sql";
import { presenceAudience, SMALL_GROUP_MAX, smallChannels } from "./presence-audience";
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

// The statement of deviceConnected ($1 socket, $2 user, $3 node, $4 SMALL_GROUP_MAX): the device
// row, the user online (the old value read under the row lock), and the user's audience with
// their presence (presence-audience.ts's `smallChannels`), as rows: `me` true for the user's own row
// (`online` is then whether they were online before), false for each of the audience.
const CONNECT = `
  WITH device AS (
    INSERT INTO "DeviceConnection" ("socketId", "userId", "nodeId") VALUES ($1, $2, $3)
    RETURNING "userId"
  ), before AS (
    SELECT u.id, u."presenceOnline" FROM "User" u JOIN device ON device."userId" = u.id FOR UPDATE OF u
  ), me AS (
    UPDATE "User" u SET "presenceOnline" = true, "lastActiveAt" = now()
    FROM before WHERE u.id = before.id
    RETURNING u.id, u."lastActiveAt", before."presenceOnline" AS "wasOnline"
  ), ${smallChannels("$2", "$4")}
  SELECT true AS me, id, "lastActiveAt", "wasOnline" AS online FROM me
  UNION ALL
  SELECT false, u.id, u."lastActiveAt", u."presenceOnline" FROM "User" u
  WHERE u.id IN (SELECT mb."userId" FROM "Membership" mb WHERE mb."channelId" IN (SELECT "channelId" FROM small))
    AND u.id <> $2`;

/**
 * Records the device and brings the user online, and reads the presence of the user's audience,
 * in one statement (one commit, one round trip: every connect runs it, so pg directly,
 * raw-sql.ts). Only the device that turns the user online announces it (and only once, whatever
 * the node): `wasOnline` is read under the row lock, so of two devices connecting at once exactly
 * one sees it false. Returns the audience's presence: the announcement's recipients and the
 * device's initial presence. (Read in the statement's snapshot, taken before its commit; it was
 * read right after the commit before, by a second statement: a co-member who comes online in
 * between was and is announced to this device, whose initial presence may then be the older
 * state, a window of one statement either way.)
 */
export async function deviceConnected(deps: Deps, nodeId: string, socketId: string, userId: string): Promise<PresenceState[]> {
  const rows = await rawQuery<{ me: boolean; id: string; lastActiveAt: Date | null; online: boolean }>(deps.db, CONNECT, [
    socketId,
    userId,
    nodeId,
    SMALL_GROUP_MAX,
  ]);
  const audience: PresenceState[] = [];
  let me: (typeof rows)[number] | undefined;
  for (const r of rows) {
    if (r.me) me = r;
    else audience.push(toPresence({ id: r.id, presenceOnline: r.online, lastActiveAt: r.lastActiveAt }));
  }
  if (me && !me.online) {
    deps.publisher.publish("presence", toPresence({ id: me.id, presenceOnline: true, lastActiveAt: me.lastActiveAt }), {
      users: audience.map((p) => p.userId),
      presenceOf: [userId],
    });
  }
  return audience;
}

/**
 * The user stays "online" through the grace period; the sweeper announces offline after it. One
 * statement: a sweep between deleting the row and stamping the time would see no device and an
 * old lastDisconnectAt, and announce "offline" at once.
 */
export async function deviceDisconnected({ db }: Deps, socketId: string, userId: string) {
  // Every disconnect runs it: pg directly (raw-sql.ts).
  await rawQuery(db, DISCONNECT, [socketId, userId]);
}

const DISCONNECT = `
  WITH gone AS (DELETE FROM "DeviceConnection" WHERE "socketId" = $1)
  UPDATE "User" SET "lastDisconnectAt" = now() WHERE id = $2`;

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
