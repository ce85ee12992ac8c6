import type { MySettings } from "../../lib/contract/models";
import type { MuteInput, MySettingsInput } from "../../lib/contract/schemas";
import { requireMember } from "../channels/require-member";
import type { Db } from "../db/types";
import { AppError } from "../errors";
import { toUserDto } from "../users/user-dto";

/** A muted channel sends no push notifications, except for messages that mention the user. */
export async function setChannelMuted(db: Db, userId: string, channelId: string, { muted }: MuteInput): Promise<{ muted: boolean }> {
  await requireMember(db, channelId, userId);
  await db.membership.update({ where: { channelId_userId: { channelId, userId } }, data: { muted } });
  return { muted };
}

export async function updateMySettings(db: Db, userId: string, input: MySettingsInput): Promise<MySettings> {
  return toMySettings(await db.user.update({ where: { id: userId }, data: input }), userId);
}

/** The caller and their settings (GET /api/me): a new device shows the settings as they are. */
export async function getMySettings(db: Db, userId: string): Promise<MySettings> {
  const u = await db.user.findUnique({ where: { id: userId } });
  if (!u) throw new AppError("not_found", "no such user");
  return toMySettings(u, userId);
}

type SettingsRow = Parameters<typeof toUserDto>[0] & { notificationPreviews: boolean; readReceipts: boolean; locale: string };
const toMySettings = (u: SettingsRow, userId: string): MySettings => ({
  ...toUserDto(u, userId),
  notificationPreviews: u.notificationPreviews,
  readReceipts: u.readReceipts,
  locale: u.locale,
});
