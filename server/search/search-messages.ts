import { z } from "zod";
import { LIMITS } from "../../lib/contract/limits";
import type { Channel, Message } from "../../lib/contract/models";
import { requireMember } from "../channels/require-member";
import type { Db } from "../db/types";
import { AppError } from "../errors";
import { loadChannels } from "../channels/load-channel";
import { type MessageRow, toMessage } from "../messages/message-dto";
import { searchTerms } from "./search-terms";

export const searchQuery = z.object({
  q: z.string().trim().min(1, "q: type something to search for").max(LIMITS.searchQueryMaxChars, `q: at most ${LIMITS.searchQueryMaxChars} characters`),
  channelId: z.string().min(1).max(64).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

export interface SearchResult {
  message: Message;
  channel: Channel;
}

/**
 * Messages matching q in the caller's channels only, newest first. The membership join is part
 * of the query: another channel's messages are never read, let alone returned.
 */
export async function searchMessages(db: Db, userId: string, input: unknown): Promise<SearchResult[]> {
  const parsed = searchQuery.safeParse(input);
  if (!parsed.success) throw AppError.fromZod(parsed.error);
  const { q, channelId, limit } = parsed.data;
  if (channelId) await requireMember(db, channelId, userId);
  const { english, cjk } = searchTerms(q);
  if (!english && !cjk) return [];
  const rows = await db.$queryRaw<MessageRow[]>`
    SELECT m."channelId", m.seq, m."senderId", m.body, m."clientMsgId", m."createdAt"
    FROM "Message" m
    JOIN "Membership" mb ON mb."channelId" = m."channelId" AND mb."userId" = ${userId}
    WHERE m.search @@ (plainto_tsquery('english', ${english}) && to_tsquery('simple', ${cjk}))
      AND (${channelId ?? null}::text IS NULL OR m."channelId" = ${channelId ?? null}::text)
    ORDER BY m."createdAt" DESC, m.seq DESC
    LIMIT ${limit}`;
  return withChannels(db, rows);
}

export async function withChannels(db: Db, rows: MessageRow[]): Promise<SearchResult[]> {
  const channels = await loadChannels(db, [...new Set(rows.map((r) => r.channelId))]);
  return rows.map((r) => ({ message: toMessage(r), channel: channels.get(r.channelId)! }));
}
