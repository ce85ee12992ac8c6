import type { Message } from "../../lib/contract/models";
import type { HistoryInput } from "../../lib/contract/schemas";
import { requireMember } from "../channels/require-member";
import type { Db } from "../db/types";
import { messageSelect as select, toMessages } from "./message-dto";

/**
 * A page of a channel's history, ascending by seq. Every read is a range scan on the primary
 * key (channelId, seq). `before`/`after` exclude their seq; `around` returns it with
 * ⌊(limit−1)/2⌋ messages before it and the rest after: `around=SEQ&limit=1` is the one message
 * at SEQ (how a client shows the original of a reply it does not hold). Messages come as they
 * are now (edited, deleted, with reactions).
 */
export async function getHistory(
  db: Db,
  userId: string,
  channelId: string,
  { before, after, around, limit }: HistoryInput,
): Promise<Message[]> {
  await requireMember(db, channelId, userId);

  const older = (seqBelow: number | undefined, take: number) =>
    take <= 0
      ? Promise.resolve([])
      : db.message
          .findMany({
            where: { channelId, ...(seqBelow !== undefined ? { seq: { lt: seqBelow } } : {}) },
            orderBy: { seq: "desc" },
            take,
            select,
          })
          .then((rows) => rows.reverse());
  const newer = (seqAbove: number, take: number) =>
    take <= 0
      ? Promise.resolve([])
      : db.message.findMany({ where: { channelId, seq: { gt: seqAbove } }, orderBy: { seq: "asc" }, take, select });

  let rows;
  if (after !== undefined) rows = await newer(after, limit);
  else if (around !== undefined) {
    const beforeCount = Math.floor((limit - 1) / 2);
    const [head, tail] = await Promise.all([older(around + 1, beforeCount + 1), newer(around, limit - beforeCount - 1)]);
    rows = [...head, ...tail];
  } else rows = await older(before, limit);
  return toMessages(db, rows);
}
