import { z } from "zod";
import type { User } from "../../lib/contract/models";
import { requireMember } from "../channels/require-member";
import type { Db } from "../db/types";
import { AppError } from "../errors";
import { toUserDto } from "../users/user-dto";

const muteBody = z.object({ muted: z.boolean() });
const meBody = z.object({ notificationPreviews: z.boolean() }).strict();

/** A muted channel sends no push notifications, except for messages that mention the user. */
export async function setChannelMuted(db: Db, userId: string, channelId: string, input: unknown): Promise<{ muted: boolean }> {
  const parsed = muteBody.safeParse(input);
  if (!parsed.success) throw AppError.fromZod(parsed.error);
  await requireMember(db, channelId, userId);
  await db.membership.update({ where: { channelId_userId: { channelId, userId } }, data: { muted: parsed.data.muted } });
  return parsed.data;
}

export async function updateMySettings(db: Db, userId: string, input: unknown): Promise<User & { notificationPreviews: boolean }> {
  const parsed = meBody.safeParse(input);
  if (!parsed.success) throw AppError.fromZod(parsed.error);
  const u = await db.user.update({ where: { id: userId }, data: parsed.data });
  return { ...toUserDto(u, userId), notificationPreviews: u.notificationPreviews };
}
