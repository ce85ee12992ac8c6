import { findMentions } from "../../lib/contract/mentions";
import type { Db } from "../db/types";

/**
 * The channel members a body mentions (@Name), the author left out. The database compares names
 * with what follows each @, so a group of thousands does not ship every member's name to this
 * process for each message with an @.
 */
export async function mentionedMembers(db: Pick<Db, "$queryRaw">, channelId: string, body: string, authorId: string): Promise<string[]> {
  if (!body.includes("@")) return [];
  const after = body.split("@").slice(1).map((s) => s.slice(0, 101).toLowerCase());
  const candidates = await db.$queryRaw<{ id: string; name: string }[]>`
    SELECT u.id, u.name FROM "Membership" m JOIN "User" u ON u.id = m."userId"
    WHERE m."channelId" = ${channelId}
      AND EXISTS (SELECT 1 FROM unnest(${after}::text[]) s WHERE starts_with(s, lower(u.name)))`;
  return findMentions(body, candidates, authorId);
}
