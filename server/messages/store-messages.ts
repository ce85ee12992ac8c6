// The write path of messages: ONE statement stores a batch of drafts, for one channel or many
// (group commit across channels, see channel-writer.ts). It checks each sender's membership,
// moves each channel's lastSeq by the number accepted there, numbers them in order per channel,
// stores their search vectors and mentions, marks the channel read for each sender up to their
// newest, and writes each message's push-notification job. A send is a change too: the
// channel's change counter (version) moves by the same number, and each new message's version
// is the counter's value at its insert (both counters under one row lock, in one statement).
// The row locks on the channels order concurrent writers (other nodes included); they are taken
// in id order, so two statements sharing channels cannot deadlock (an edit locks one channel row,
// change-message.ts). A draft whose (senderId, clientMsgId) is already stored is left out (the
// caller answers it with that row); one inserted concurrently by another statement aborts this
// one — seq increments included — so seqs stay gapless, and the caller retries the drafts in
// halves (see channel-writer.ts).
// Files: each stored message claims its uploads in the same statement (`at`); if any of them
// cannot be claimed (unknown, someone else's, another channel's, sent already — a concurrent
// send included) chat_require_attachments fails the whole statement: nothing is stored (the
// caller's halving then finds the draft at fault, which alone gets `invalid`).
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

/** A newly stored message, and whether the same statement wrote its push-notification job. */
export type StoredRow = MessageRow & { pushJob: boolean };

/**
 * Stored rows, in (channelId, seq) order; drafts from non-members, and retries of a message
 * already stored (same senderId and clientMsgId), are absent.
 */
export async function storeMessages(db: Db, drafts: readonly MessageDraft[]): Promise<StoredRow[]> {
  const channels = drafts.map((d) => d.channelId); // group commit
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
  return db.$queryRaw<StoredRow[]>`
    WITH d AS (
      SELECT * FROM unnest(${channels}::text[], ${senders}::text[], ${bodies}::text[], ${clientMsgIds}::text[], ${mentions}::text[], ${replies}::int[])
        WITH ORDINALITY AS d(channel, sender, body, cmid, mentioned, reply, ord)
    ), ok AS (
      SELECT d.channel, d.sender, d.body, d.cmid, d.mentioned, d.reply, row_number() OVER (PARTITION BY d.channel ORDER BY d.ord)::int AS n
        , d.ord -- files
      FROM d
      WHERE EXISTS (SELECT 1 FROM "Membership" m WHERE m."channelId" = d.channel AND m."userId" = d.sender)
        -- group commit: a retry of a stored message is left out (the caller looks it up), so that
        -- it does not abort everyone's statement; a concurrent insert of the same key still does.
        AND NOT EXISTS (SELECT 1 FROM "Message" x WHERE x."senderId" = d.sender AND x."clientMsgId" = d.cmid)
    ), cnt AS (
      SELECT ok.channel, count(*)::int AS n FROM ok GROUP BY ok.channel
    ), locked AS ( -- group commit: the channel rows, locked in id order (the UPDATE below touches only these)
      SELECT c.id FROM "Channel" c WHERE c.id IN (SELECT cnt.channel FROM cnt) ORDER BY c.id FOR UPDATE
    ), ch AS (
      UPDATE "Channel" c SET "lastSeq" = c."lastSeq" + cnt.n, "lastMessageAt" = now()
        , "version" = c."version" + cnt.n -- the change counter moves with lastSeq (message changes)
      FROM cnt JOIN locked l ON l.id = cnt.channel
      WHERE c.id = l.id AND cnt.n > 0
      RETURNING c.id, c."lastSeq" - cnt.n AS base
        , c."version" - cnt.n AS vbase -- message changes
    ), ins AS (
      INSERT INTO "Message" ("channelId", seq, "senderId", body, "clientMsgId", "createdAt", search
        , "replyTo", "version") -- message changes
      SELECT ok.channel, ch.base + ok.n, ok.sender, ok.body, ok.cmid, now(), chat_search_vector(ok.body)
        , ok.reply, ch.vbase + ok.n -- message changes
      FROM ok JOIN ch ON ch.id = ok.channel
      RETURNING "channelId", seq, "senderId", body, "clientMsgId", "createdAt"
        , "replyTo", "editedAt", "deletedAt", "version" -- message changes
    ), mn AS (
      INSERT INTO "Mention" ("channelId", seq, "userId", "createdAt")
      SELECT ins."channelId", ins.seq, u.id, ins."createdAt"
      FROM ins JOIN ok ON ok.sender = ins."senderId" AND ok.cmid = ins."clientMsgId",
        unnest(string_to_array(ok.mentioned, ',')) AS u(id)
      WHERE ok.mentioned <> ''
        AND EXISTS (SELECT 1 FROM "Membership" m WHERE m."channelId" = ins."channelId" AND m."userId" = u.id)
    ), rd AS (
      UPDATE "Membership" m SET "lastReadSeq" = x.top
      FROM (SELECT "channelId", "senderId", max(seq) AS top FROM ins GROUP BY "channelId", "senderId") x
      WHERE m."channelId" = x."channelId" AND m."userId" = x."senderId" AND m."lastReadSeq" < x.top
    ), at AS ( -- files: each stored message claims its uploads (its sender's, its channel's, unsent)
      UPDATE "Attachment" a SET seq = ins.seq, position = f.pos
      FROM unnest(${fileIds}::text[], ${fileOrds}::int[], ${filePos}::int[]) AS f(id, ord, pos)
        JOIN ok ON ok.ord = f.ord
        JOIN ins ON ins."senderId" = ok.sender AND ins."clientMsgId" = ok.cmid
      WHERE a.id = f.id AND a."channelId" = ok.channel AND a."uploaderId" = ok.sender AND a.seq IS NULL
      RETURNING a."channelId", a.seq, a.position, json_build_object('id', a.id, 'name', a.name, 'size', a.size, 'type', a.type,
        'width', a.width, 'height', a.height, 'thumbnail', a.thumbnail) AS j
    ), -- Push notifications: one PushJob row per stored message, in this same statement, so a crash
       -- after commit cannot lose it (server/push/push-jobs.ts sends it). Skipped when no member
       -- but the sender has a push subscription: one small lookup per channel, not per message
       -- (MATERIALIZED keeps it from being re-run for every row).
    subscribed AS MATERIALIZED (
      SELECT cnt.channel, s."userId" FROM cnt, LATERAL (
        SELECT DISTINCT p."userId" FROM "PushSubscription" p
        JOIN "Membership" m ON m."channelId" = cnt.channel AND m."userId" = p."userId"
        LIMIT 2) s
    ), pj AS (
      INSERT INTO "PushJob" ("channelId", seq)
      SELECT ins."channelId", ins.seq FROM ins
      WHERE EXISTS (SELECT 1 FROM subscribed s WHERE s.channel = ins."channelId" AND s."userId" <> ins."senderId")
      RETURNING "channelId", seq -- group commit: tells the caller whether to wake the push sender
    )
    SELECT ins.*, EXISTS (SELECT 1 FROM pj WHERE pj."channelId" = ins."channelId" AND pj.seq = ins.seq) AS "pushJob"
      , coalesce((SELECT json_agg(at.j ORDER BY at.position) FROM at WHERE at."channelId" = ins."channelId" AND at.seq = ins.seq), '[]'::json) AS attachments -- files
    FROM ins
    -- files: all of the accepted drafts' uploads were claimed, or the statement fails (CHA01)
    WHERE chat_require_attachments((SELECT count(*) FROM at),
      (SELECT count(*) FROM unnest(${fileOrds}::int[]) AS e(ord) JOIN ok ON ok.ord = e.ord))
    ORDER BY "channelId", seq`.catch(claimFailure);
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
