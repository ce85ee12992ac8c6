import { z } from "zod";
import type { Db } from "../db/types";
import { AppError } from "../errors";
import type { MessageRow } from "../messages/message-dto";
import { type SearchResult, withChannels } from "./search-messages";

const mentionsQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(30),
});

/** Messages that mention the user, newest first, from channels they are still in. */
export async function listMentions(db: Db, userId: string, input: unknown): Promise<SearchResult[]> {
  const parsed = mentionsQuery.safeParse(input);
  if (!parsed.success) throw AppError.fromZod(parsed.error);
  const rows = await db.$queryRaw<MessageRow[]>`
    SELECT m."channelId", m.seq, m."senderId", m.body, m."clientMsgId", m."createdAt"
    FROM "Mention" x
    JOIN "Message" m ON m."channelId" = x."channelId" AND m.seq = x.seq
    JOIN "Membership" mb ON mb."channelId" = x."channelId" AND mb."userId" = ${userId}
    WHERE x."userId" = ${userId}
    ORDER BY x."createdAt" DESC
    LIMIT ${parsed.data.limit}`;
  return withChannels(db, rows);
}
