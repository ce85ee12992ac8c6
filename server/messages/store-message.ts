// The write path of a message: one statement takes the channel's next seq, stores the message
// and marks the channel read up to it for its sender. Postgres' row lock on the channel orders
// concurrent sends, and a duplicate clientMsgId aborts the whole statement — seq increment
// included — so seqs stay gapless. This is the unit a future batcher coalesces (N drafts of one
// channel per statement: `lastSeq + N` and `unnest(...) WITH ORDINALITY`; see STACK-NOTES).
import type { Db } from "../db/types";
import { isUniqueViolation } from "../errors";
import type { MessageRow } from "./message-dto";

export interface MessageDraft {
  channelId: string;
  senderId: string;
  body: string;
  clientMsgId: string;
}

export type StoreResult =
  | { kind: "stored"; row: MessageRow }
  | { kind: "duplicate"; row: MessageRow }
  /** The sender is not a member, or the channel does not exist: nothing was written. */
  | { kind: "rejected" };

export async function storeMessage(db: Db, d: MessageDraft): Promise<StoreResult> {
  try {
    const rows = await db.$queryRaw<MessageRow[]>`
      WITH ch AS (
        UPDATE "Channel" c SET "lastSeq" = c."lastSeq" + 1, "lastMessageAt" = now()
        WHERE c.id = ${d.channelId}
          AND EXISTS (SELECT 1 FROM "Membership" m WHERE m."channelId" = ${d.channelId} AND m."userId" = ${d.senderId})
        RETURNING c.id, c."lastSeq"
      ), ins AS (
        INSERT INTO "Message" ("channelId", seq, "senderId", body, "clientMsgId", "createdAt")
        SELECT ch.id, ch."lastSeq", ${d.senderId}, ${d.body}, ${d.clientMsgId}, now() FROM ch
        RETURNING "channelId", seq, "senderId", body, "clientMsgId", "createdAt"
      ), rd AS (
        UPDATE "Membership" m SET "lastReadSeq" = ins.seq FROM ins
        WHERE m."channelId" = ins."channelId" AND m."userId" = ins."senderId" AND m."lastReadSeq" < ins.seq
      )
      SELECT * FROM ins`;
    const row = rows[0];
    return row ? { kind: "stored", row } : { kind: "rejected" };
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    const row = await db.message.findUnique({
      where: { senderId_clientMsgId: { senderId: d.senderId, clientMsgId: d.clientMsgId } },
    });
    if (!row) throw err;
    return { kind: "duplicate", row };
  }
}
