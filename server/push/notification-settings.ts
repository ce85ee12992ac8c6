import type { MuteInput } from "../../lib/contract/schemas";
import { requireMember } from "../channels/require-member";
import type { Db } from "../db/types";

/** A muted channel sends no push notifications, except for messages that mention the user. */
export async function setChannelMuted(db: Db, userId: string, channelId: string, { muted }: MuteInput): Promise<{ muted: boolean }> {
  await requireMember(db, channelId, userId);
  await db.membership.update({ where: { channelId_userId: { channelId, userId } }, data: { muted } });
  return { muted };
}
