import { LIMITS } from "../../lib/contract/limits";
import { rawQuery } from "../db/raw-sql";
import type { Db } from "../db/types";

/** Presence is pushed only within direct channels and groups up to this size (PROTOCOL.md). */
export const SMALL_GROUP_MAX = LIMITS.presencePushedGroupMax;

/**
 * `mine` and `small` (a WITH list): the user's channels, and of them the direct channels and
 * groups of at most SMALL_GROUP_MAX members. `user` and `max` are the statement's parameter
 * placeholders (`$1`…) holding the user's id and SMALL_GROUP_MAX; pg statements (raw-sql.ts), as
 * both statements that use it run on every connect or presence change.
 */
export function smallChannels(user: string, max: string): string {
  return `
    mine AS (
      SELECT "channelId" FROM "Membership" WHERE "userId" = ${user}
    ), small AS (
      SELECT mb."channelId" FROM "Membership" mb
      WHERE mb."channelId" IN (SELECT "channelId" FROM mine)
      GROUP BY mb."channelId" HAVING count(*) <= ${max}
    )`;
}

const AUDIENCE = `
  WITH ${smallChannels("$1", "$2")}
  SELECT DISTINCT mb."userId" FROM "Membership" mb
  WHERE mb."channelId" IN (SELECT "channelId" FROM small) AND mb."userId" <> $1`;

/**
 * Users who get `userId`'s presence pushed: co-members of a direct channel or of a group of at
 * most SMALL_GROUP_MAX members. Larger groups ask with presence:subscribe, so one connect never
 * fans out to thousands. (A connect reads them with its device row: device-presence.ts.)
 */
export async function presenceAudience(db: Db, userId: string): Promise<string[]> {
  const rows = await rawQuery<{ userId: string }>(db, AUDIENCE, [userId, SMALL_GROUP_MAX]);
  return rows.map((r) => r.userId);
}

/** Of `candidates`, those who share any channel with `userId` (large groups included). */
export async function sharingAChannel(db: Db, userId: string, candidates: string[]): Promise<string[]> {
  if (candidates.length === 0) return [];
  const rows = await db.$queryRaw<{ userId: string }[]>`
    SELECT DISTINCT other."userId" FROM "Membership" me
    JOIN "Membership" other ON other."channelId" = me."channelId"
    WHERE me."userId" = ${userId} AND other."userId" = ANY(${candidates}::text[])`;
  return rows.map((r) => r.userId);
}

/**
 * After `userId` left `channelId`: its remaining members who now share no channel with `userId`.
 * Their presence subscriptions to each other end (presence:subscribe follows co-members only).
 */
export async function noLongerSharing(db: Db, userId: string, channelId: string): Promise<string[]> {
  const rows = await db.$queryRaw<{ userId: string }[]>`
    SELECT m."userId" FROM "Membership" m
    WHERE m."channelId" = ${channelId} AND m."userId" <> ${userId}
      AND NOT EXISTS (
        SELECT 1 FROM "Membership" a JOIN "Membership" b ON b."channelId" = a."channelId"
        WHERE a."userId" = ${userId} AND b."userId" = m."userId"
      )`;
  return rows.map((r) => r.userId);
}
