// GET and PATCH /api/me: the caller, their display name and their settings.
import type { MySettings } from "../../lib/contract/models";
import type { MySettingsInput } from "../../lib/contract/schemas";
import type { Db } from "../db/types";
import { AppError } from "../errors";
import type { Publisher } from "../events/publisher";
import { publishUserUpdate } from "./publish-user-update";
import { toUserDto, type UserRow } from "./user-dto";

/** The caller and their settings (GET /api/me): a new device shows the settings as they are. */
export async function getMySettings(db: Db, userId: string): Promise<MySettings> {
  const u = await db.user.findUnique({ where: { id: userId } });
  if (!u) throw new AppError("not_found", "no such user");
  return toMySettings(u);
}

/** A new name (already trimmed and checked by the schema) is shown to co-members at once. */
export async function updateMySettings(deps: { db: Db; publisher: Publisher }, userId: string, input: MySettingsInput): Promise<MySettings> {
  const { db } = deps;
  const before = input.name === undefined ? null : await db.user.findUnique({ where: { id: userId }, select: { name: true } });
  const u = await db.user.update({ where: { id: userId }, data: input });
  if (before && before.name !== u.name) await publishUserUpdate(db, deps.publisher, u);
  return toMySettings(u);
}

type SettingsRow = UserRow & { notificationPreviews: boolean; readReceipts: boolean; locale: string };
export const toMySettings = (u: SettingsRow): MySettings => ({
  ...toUserDto(u, u.id),
  notificationPreviews: u.notificationPreviews,
  readReceipts: u.readReceipts,
  locale: u.locale,
});
