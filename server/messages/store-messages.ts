// The write path of messages: ONE statement stores a batch of drafts for one channel. It checks
// each sender's membership, moves the channel's lastSeq by the number accepted, numbers them in
// order, stores their search vectors and mentions, and marks the channel read for each sender
// up to their newest. A send is a change too: the channel's change counter (version) moves by
// the same number, and each new message's version is the counter's value at its insert (both
// counters under one row lock, in one statement). The row lock on the
// channel orders concurrent writers (other nodes included); if any draft's (senderId,
// clientMsgId) already exists the whole statement aborts — seq increment included — so seqs
// stay gapless, and the caller retries the drafts one by one (see channel-writer.ts).
import type { Db } from "../db/types";
import { type MessageRow, messageSelect } from "./message-dto";

export interface MessageDraft {
  channelId: string;
  senderId: string;
  body: string;
  clientMsgId: string;
  /** Members this message mentions; stored with it (non-members are dropped). */
  mentions?: readonly string[];
  /** A seq of this channel, checked by the caller (send-message.ts: 1..lastSeq). */
  replyTo?: number | null;
}

/** Stored rows, in seq order; drafts from non-members are absent. */
export async function storeMessages(db: Db, channelId: string, drafts: readonly MessageDraft[]): Promise<MessageRow[]> {
  const senders = drafts.map((d) => d.senderId);
  const bodies = drafts.map((d) => d.body);
  const clientMsgIds = drafts.map((d) => d.clientMsgId);
  // Ids never contain commas: one comma-joined string per draft keeps the arrays rectangular.
  const mentions = drafts.map((d) => (d.mentions ?? []).join(","));
  const replies = drafts.map((d) => d.replyTo ?? null);
  return db.$queryRaw<MessageRow[]>`
    WITH d AS (
      SELECT * FROM unnest(${senders}::text[], ${bodies}::text[], ${clientMsgIds}::text[], ${mentions}::text[], ${replies}::int[])
        WITH ORDINALITY AS d(sender, body, cmid, mentioned, reply, ord)
    ), ok AS (
      SELECT d.sender, d.body, d.cmid, d.mentioned, d.reply, row_number() OVER (ORDER BY d.ord)::int AS n FROM d
      WHERE EXISTS (SELECT 1 FROM "Membership" m WHERE m."channelId" = ${channelId} AND m."userId" = d.sender)
    ), cnt AS (
      SELECT count(*)::int AS n FROM ok
    ), ch AS (
      UPDATE "Channel" c SET "lastSeq" = c."lastSeq" + cnt.n, "lastMessageAt" = now()
        , "version" = c."version" + cnt.n -- the change counter moves with lastSeq (message changes)
      FROM cnt
      WHERE c.id = ${channelId} AND cnt.n > 0
      RETURNING c."lastSeq" - cnt.n AS base
        , c."version" - cnt.n AS vbase -- message changes
    ), ins AS (
      INSERT INTO "Message" ("channelId", seq, "senderId", body, "clientMsgId", "createdAt", search
        , "replyTo", "version") -- message changes
      SELECT ${channelId}, ch.base + ok.n, ok.sender, ok.body, ok.cmid, now(), chat_search_vector(ok.body)
        , ok.reply, ch.vbase + ok.n -- message changes
      FROM ok, ch
      RETURNING "channelId", seq, "senderId", body, "clientMsgId", "createdAt"
        , "replyTo", "editedAt", "deletedAt", "version" -- message changes
    ), mn AS (
      INSERT INTO "Mention" ("channelId", seq, "userId", "createdAt")
      SELECT ins."channelId", ins.seq, u.id, ins."createdAt"
      FROM ins JOIN ok ON ok.sender = ins."senderId" AND ok.cmid = ins."clientMsgId",
        unnest(string_to_array(ok.mentioned, ',')) AS u(id)
      WHERE ok.mentioned <> ''
        AND EXISTS (SELECT 1 FROM "Membership" m WHERE m."channelId" = ${channelId} AND m."userId" = u.id)
    ), rd AS (
      UPDATE "Membership" m SET "lastReadSeq" = x.top
      FROM (SELECT "senderId", max(seq) AS top FROM ins GROUP BY "senderId") x
      WHERE m."channelId" = ${channelId} AND m."userId" = x."senderId" AND m."lastReadSeq" < x.top
    )
    SELECT * FROM ins ORDER BY seq`;
}

export async function findBySenderKey(db: Db, senderId: string, clientMsgId: string): Promise<MessageRow | null> {
  return db.message.findUnique({ where: { senderId_clientMsgId: { senderId, clientMsgId } }, select: messageSelect });
}
