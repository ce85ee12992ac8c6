import type { Db } from "../db/types";
import { type ChannelViewWithActivity, toChannelView } from "./channel-dto";

const channelSelect = {
  id: true,
  kind: true,
  name: true,
  lastSeq: true,
  lastMessageAt: true,
  createdAt: true,
  memberships: { select: { userId: true } },
} as const;

/** The user's channels, most recently active first, with unread counts (lastSeq − lastReadSeq). */
export async function listChannels(db: Db, userId: string): Promise<ChannelViewWithActivity[]> {
  const rows = await db.membership.findMany({
    where: { userId },
    select: { lastReadSeq: true, channel: { select: channelSelect } },
    orderBy: { channel: { lastMessageAt: "desc" } },
  });
  return rows.map((m) =>
    toChannelView(m.channel, m.channel.memberships.map((x) => x.userId), m.lastReadSeq),
  );
}

/** One channel as a given member sees it. */
export async function getChannelView(db: Db, channelId: string, userId: string): Promise<ChannelViewWithActivity | null> {
  const m = await db.membership.findUnique({
    where: { channelId_userId: { channelId, userId } },
    select: { lastReadSeq: true, channel: { select: channelSelect } },
  });
  return m ? toChannelView(m.channel, m.channel.memberships.map((x) => x.userId), m.lastReadSeq) : null;
}
