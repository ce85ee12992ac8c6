import type { Db } from "../db/types";
import { AppError } from "../errors";
import { type ChannelWithActivity, toChannel } from "./channel-dto";

/** The channel with its member ids, or not_found. */
export async function loadChannel(db: Db, channelId: string): Promise<ChannelWithActivity> {
  const c = await db.channel.findUnique({
    where: { id: channelId },
    include: { memberships: { select: { userId: true }, orderBy: { joinedAt: "asc" } } },
  });
  if (!c) throw new AppError("not_found", "no such channel");
  return toChannel(c, c.memberships.map((m) => m.userId));
}

/** Several channels with their member ids, by id. */
export async function loadChannels(db: Db, ids: string[]): Promise<Map<string, ChannelWithActivity>> {
  if (ids.length === 0) return new Map();
  const rows = await db.channel.findMany({
    where: { id: { in: ids } },
    include: { memberships: { select: { userId: true }, orderBy: { joinedAt: "asc" } } },
  });
  return new Map(rows.map((c) => [c.id, toChannel(c, c.memberships.map((m) => m.userId))]));
}
