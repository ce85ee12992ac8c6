import type { Db } from "../db/types";
import { AppError } from "../errors";

/** Throws not_found for an unknown channel and forbidden for a non-member; never returns its data. */
export async function requireMember(db: Db, channelId: string, userId: string) {
  const m = await db.membership.findUnique({
    where: { channelId_userId: { channelId, userId } },
    select: { role: true, lastReadSeq: true },
  });
  if (m) return m;
  return throwNotMember(db, channelId);
}

export async function throwNotMember(db: Db, channelId: string): Promise<never> {
  const exists = await db.channel.findUnique({ where: { id: channelId }, select: { id: true } });
  if (!exists) throw new AppError("not_found", "no such channel");
  throw new AppError("forbidden", "you are not a member of this channel");
}
