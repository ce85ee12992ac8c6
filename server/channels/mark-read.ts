import type { ReadInput } from "../../lib/contract/event-schemas";
import type { Db } from "../db/types";
import type { Publisher } from "../events/publisher";
import { throwNotMember } from "./require-member";

interface Deps {
  db: Db;
  publisher: Publisher;
}

/**
 * Moves the reader's lastReadSeq forward (never back, never past lastSeq) and tells the reader's
 * devices, and the channel's other members too (read receipts) unless the reader turned those off.
 */
export async function markRead({ db, publisher }: Deps, userId: string, { channelId, seq }: ReadInput): Promise<{ lastReadSeq: number }> {
  const rows = await db.$queryRaw<{ lastReadSeq: number; changed: boolean; receipts: boolean }[]>`
    WITH before AS (
      SELECT m."lastReadSeq" AS old, LEAST(GREATEST(m."lastReadSeq", ${seq}), c."lastSeq") AS new
      FROM "Membership" m JOIN "Channel" c ON c.id = m."channelId"
      WHERE m."channelId" = ${channelId} AND m."userId" = ${userId}
    ), upd AS (
      -- Compared with the row as it is when locked, not with the snapshot in "before": another
      -- device's higher mark may commit between the two (READ COMMITTED re-checks this WHERE on
      -- the newest row version), and a lower mark must then change nothing.
      UPDATE "Membership" m SET "lastReadSeq" = before.new FROM before
      WHERE m."channelId" = ${channelId} AND m."userId" = ${userId} AND m."lastReadSeq" < before.new
      RETURNING m."lastReadSeq"
    )
    SELECT before.new AS "lastReadSeq", EXISTS (SELECT 1 FROM upd) AS changed,
      (SELECT u."readReceipts" FROM "User" u WHERE u.id = ${userId}) AS receipts
    FROM before`;
  const row = rows[0];
  if (!row) return throwNotMember(db, channelId);
  if (row.changed) {
    const audience = row.receipts ? { users: [userId], channels: [channelId] } : { users: [userId] };
    publisher.publish("read", { channelId, userId, seq: row.lastReadSeq }, audience);
  }
  return { lastReadSeq: row.lastReadSeq };
}
