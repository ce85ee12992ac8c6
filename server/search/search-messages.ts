import type { SearchResult } from "../../lib/contract/models";
import type { SearchInput } from "../../lib/contract/schemas";
import { requireMember } from "../channels/require-member";
import type { Db } from "../db/types";
import { loadChannels } from "../channels/load-channel";
import { type MessageRow, toMessages } from "../messages/message-dto";
import { searchTerms } from "./search-terms";

/**
 * Messages matching q in the caller's channels only, newest first. The membership join is part
 * of the query: another channel's messages are never read, let alone returned.
 */
export async function searchMessages(db: Db, userId: string, { q, channelId, limit }: SearchInput): Promise<SearchResult[]> {
  if (channelId) await requireMember(db, channelId, userId);
  const { english, cjk } = searchTerms(q);
  if (!english && !cjk) return [];
  const rows = await db.$queryRaw<MessageRow[]>`
    SELECT m."channelId", m.seq, m."senderId", m.body, m."clientMsgId", m."createdAt",
      m."replyTo", m."editedAt", m."deletedAt", m.version
    FROM "Message" m
    JOIN "Membership" mb ON mb."channelId" = m."channelId" AND mb."userId" = ${userId}
    WHERE m.search @@ (plainto_tsquery('english', ${english}) && to_tsquery('simple', ${cjk}))
      AND m."deletedAt" IS NULL
      AND (${channelId ?? null}::text IS NULL OR m."channelId" = ${channelId ?? null}::text)
    ORDER BY m."createdAt" DESC, m.seq DESC
    LIMIT ${limit}`;
  return withChannels(db, rows);
}

export async function withChannels(db: Db, rows: MessageRow[]): Promise<SearchResult[]> {
  const [channels, messages] = await Promise.all([
    loadChannels(db, [...new Set(rows.map((r) => r.channelId))]),
    toMessages(db, rows),
  ]);
  return messages.map((message) => ({ message, channel: channels.get(message.channelId)! }));
}
