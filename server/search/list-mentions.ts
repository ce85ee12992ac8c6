import type { SearchResult } from "../../lib/contract/models";
import type { MentionsInput } from "../../lib/contract/schemas";
import type { Db } from "../db/types";
import type { MessageRow } from "../messages/message-dto";
import { withChannels } from "./search-messages";

/** Messages that mention the user, newest first, from channels they are still in. */
export async function listMentions(db: Db, userId: string, { limit }: MentionsInput): Promise<SearchResult[]> {
  const rows = await db.$queryRaw<MessageRow[]>`
    SELECT m."channelId", m.seq, m."senderId", m.body, m."clientMsgId", m."createdAt",
      m."replyTo", m."editedAt", m."deletedAt", m.version
    FROM "Mention" x
    JOIN "Message" m ON m."channelId" = x."channelId" AND m.seq = x.seq
    JOIN "Membership" mb ON mb."channelId" = x."channelId" AND mb."userId" = ${userId}
    WHERE x."userId" = ${userId} AND m."deletedAt" IS NULL
    ORDER BY x."createdAt" DESC
    LIMIT ${limit}`;
  return withChannels(db, rows);
}
