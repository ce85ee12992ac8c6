// The write path of messages: ONE statement stores a batch of drafts for one channel. It checks
// each sender's membership, moves the channel's lastSeq by the number accepted, numbers them in
// order, stores their search vectors and mentions, marks the channel read for each sender
// up to their newest, and writes each message's push-notification job. A send is a change too:
// the channel's change counter (version) moves by the same number, and each new message's
// version is the counter's value at its insert (both counters under one row lock, in one
// statement). The row lock on the
// channel orders concurrent writers (other nodes included); if any draft's (senderId,
// clientMsgId) already exists the whole statement aborts — seq increment included — so seqs
// stay gapless, and the caller retries the drafts one by one (see channel-writer.ts).
// Files: each stored message claims its uploads in the same statement (`at`); if any of them
// cannot be claimed (unknown, someone else's, another channel's, sent already — a concurrent
// send included) chat_require_attachments fails the whole statement: nothing is stored.
import type { Db } from "../db/types";
import { AppError } from "../errors";
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
  /** Files: uploads of the sender to this channel, not yet sent; claimed by the same statement. */
  attachmentIds?: readonly string[];
}

/** Stored rows, in seq order; drafts from non-members are absent. */
export async function storeMessages(db: Db, channelId: string, drafts: readonly MessageDraft[]): Promise<MessageRow[]> {
  const senders = drafts.map((d) => d.senderId);
  const bodies = drafts.map((d) => d.body);
  const clientMsgIds = drafts.map((d) => d.clientMsgId);
  // Ids never contain commas: one comma-joined string per draft keeps the arrays rectangular.
  const mentions = drafts.map((d) => (d.mentions ?? []).join(","));
  const replies = drafts.map((d) => d.replyTo ?? null);
  // Files: one entry per attachment, naming its draft (1-based, as WITH ORDINALITY counts) and place.
  const files = drafts.flatMap((d, i) => (d.attachmentIds ?? []).map((id, pos) => ({ id, ord: i + 1, pos })));
  const fileIds = files.map((f) => f.id);
  const fileOrds = files.map((f) => f.ord);
  const filePos = files.map((f) => f.pos);
  return db.$queryRaw<MessageRow[]>`
    WITH d AS (
      SELECT * FROM unnest(${senders}::text[], ${bodies}::text[], ${clientMsgIds}::text[], ${mentions}::text[], ${replies}::int[])
        WITH ORDINALITY AS d(sender, body, cmid, mentioned, reply, ord)
    ), ok AS (
      SELECT d.sender, d.body, d.cmid, d.mentioned, d.reply, row_number() OVER (ORDER BY d.ord)::int AS n
        , d.ord -- files
      FROM d
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
    ), at AS ( -- files: each stored message claims its uploads (its sender's, this channel's, unsent)
      UPDATE "Attachment" a SET seq = ins.seq, position = f.pos
      FROM unnest(${fileIds}::text[], ${fileOrds}::int[], ${filePos}::int[]) AS f(id, ord, pos)
        JOIN ok ON ok.ord = f.ord
        JOIN ins ON ins."senderId" = ok.sender AND ins."clientMsgId" = ok.cmid
      WHERE a.id = f.id AND a."channelId" = ${channelId} AND a."uploaderId" = ok.sender AND a.seq IS NULL
      RETURNING a.seq, a.position, json_build_object('id', a.id, 'name', a.name, 'size', a.size, 'type', a.type,
        'width', a.width, 'height', a.height, 'thumbnail', a.thumbnail) AS j
    ), -- Push notifications: one PushJob row per stored message, in this same statement, so a crash
       -- after commit cannot lose it (server/push/push-jobs.ts sends it). Skipped when no member
       -- but the sender has a push subscription: one small lookup per statement, not per message
       -- (MATERIALIZED keeps it from being re-run for every row).
    subscribed AS MATERIALIZED (
      SELECT DISTINCT p."userId" FROM "PushSubscription" p
      JOIN "Membership" m ON m."channelId" = ${channelId} AND m."userId" = p."userId"
      LIMIT 2
    ), pj AS (
      INSERT INTO "PushJob" ("channelId", seq)
      SELECT ins."channelId", ins.seq FROM ins WHERE EXISTS (SELECT 1 FROM subscribed s WHERE s."userId" <> ins."senderId")
    )
    SELECT ins.*
      , coalesce((SELECT json_agg(at.j ORDER BY at.position) FROM at WHERE at.seq = ins.seq), '[]'::json) AS attachments -- files
    FROM ins
    -- files: all of the accepted drafts' uploads were claimed, or the statement fails (CHA01)
    WHERE chat_require_attachments((SELECT count(*) FROM at),
      (SELECT count(*) FROM unnest(${fileOrds}::int[]) AS e(ord) JOIN ok ON ok.ord = e.ord))
    ORDER BY seq`.catch(claimFailure);
}

/** The send statement's check of its files failed (chat_require_attachments, SQLSTATE CHA01): `invalid`. */
function claimFailure(err: unknown): never {
  const e = err as { message?: string; meta?: { driverAdapterError?: { cause?: { originalCode?: string } } } } | null;
  if (e?.meta?.driverAdapterError?.cause?.originalCode === "CHA01" || /\bCHA01\b/.test(e?.message ?? "")) {
    throw new AppError("invalid", "attachmentIds: a file is unknown, someone else's, in another channel or already sent");
  }
  throw err;
}

export async function findBySenderKey(db: Db, senderId: string, clientMsgId: string): Promise<MessageRow | null> {
  return db.message.findUnique({ where: { senderId_clientMsgId: { senderId, clientMsgId } }, select: messageSelect });
}
