import type { Db } from "../db/types";
import { presenceOf } from "../presence/presence-state";
import { type ChannelViewWithActivity, toChannelView } from "./channel-dto";

const channelSelect = {
  id: true,
  kind: true,
  name: true,
  lastSeq: true,
  version: true,
  lastMessageAt: true,
  createdAt: true,
  memberships: { select: { userId: true } },
} as const;

/**
 * The user's channels, most recently active first, with unread counts (lastSeq − lastReadSeq)
 * and, for direct channels, the other person's presence.
 */
export async function listChannels(db: Db, userId: string): Promise<ChannelViewWithActivity[]> {
  const rows = await db.membership.findMany({
    where: { userId },
    select: { lastReadSeq: true, muted: true, channel: { select: channelSelect } },
    orderBy: { channel: { lastMessageAt: "desc" } },
  });
  const views = rows.map((m) => ({
    ...toChannelView(m.channel, m.channel.memberships.map((x) => x.userId), m.lastReadSeq),
    muted: m.muted,
  }));
  const others = views.filter((c) => c.kind === "direct").map((c) => c.memberIds.find((id) => id !== userId) ?? userId);
  const presence = new Map((await presenceOf(db, [...new Set(others)])).map((p) => [p.userId, p]));
  for (const c of views) {
    if (c.kind === "direct") c.presence = presence.get(c.memberIds.find((id) => id !== userId) ?? userId);
  }
  return views;
}

