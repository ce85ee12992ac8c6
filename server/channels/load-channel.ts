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
