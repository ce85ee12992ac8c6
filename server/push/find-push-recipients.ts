import type { Db } from "../db/types";

export interface PushRecipient {
  userId: string;
  /** Mentioned by the message, or the sender of the message it replies to: high urgency. */
  mentioned: boolean;
  previews: boolean;
  /** The recipient's UI language: the notification is worded in it. */
  locale: string;
  subscriptions: { id: string; endpoint: string; p256dh: string; auth: string }[];
}

/**
 * Members to notify of a stored message: not the sender, no device connected anywhere, at least
 * one push subscription, and the channel not muted — unless the message mentions them or replies
 * to one of theirs. Only new messages come here (channel-writer's onStored): edits and reactions
 * never notify.
 */
export async function findPushRecipients(db: Db, channelId: string, seq: number, senderId: string): Promise<PushRecipient[]> {
  const rows = await db.$queryRaw<{ userId: string; mentioned: boolean; previews: boolean; locale: string }[]>`
    SELECT r."userId", r.previews, r.mentioned, r.locale FROM (
      SELECT mb."userId", mb.muted, u."notificationPreviews" AS previews, u.locale,
        (EXISTS (SELECT 1 FROM "Mention" x WHERE x."channelId" = ${channelId} AND x.seq = ${seq} AND x."userId" = mb."userId")
          OR EXISTS (SELECT 1 FROM "Message" m JOIN "Message" o ON o."channelId" = m."channelId" AND o.seq = m."replyTo"
            WHERE m."channelId" = ${channelId} AND m.seq = ${seq} AND o."senderId" = mb."userId")) AS mentioned
      FROM "Membership" mb JOIN "User" u ON u.id = mb."userId"
      WHERE mb."channelId" = ${channelId} AND mb."userId" <> ${senderId}
        AND NOT EXISTS (SELECT 1 FROM "DeviceConnection" d WHERE d."userId" = mb."userId")
        AND EXISTS (SELECT 1 FROM "PushSubscription" p WHERE p."userId" = mb."userId")
    ) r
    WHERE NOT r.muted OR r.mentioned`;
  if (rows.length === 0) return [];
  const subs = await db.pushSubscription.findMany({
    where: {
      userId: { in: rows.map((r) => r.userId) },
      // An ended session's subscriptions are deleted with it; an expired one's are skipped here.
      OR: [{ sessionId: null }, { session: { expiresAt: { gt: new Date() } } }],
    },
    select: { id: true, userId: true, endpoint: true, p256dh: true, auth: true },
  });
  return rows
    .map((r) => ({ ...r, subscriptions: subs.filter((s) => s.userId === r.userId) }))
    .filter((r) => r.subscriptions.length > 0);
}
