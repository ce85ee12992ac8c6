// The one place a user's profile picture changes (upload or removal). The row points at the new
// object in a transaction that locks it, so two changes at once each see the picture they replace;
// after commit the replaced object is deleted and co-members are told.
import type { MySettings } from "../../lib/contract/models";
import type { Db } from "../db/types";
import type { Publisher } from "../events/publisher";
import type { FileStore } from "../files/file-store";
import type { Logger } from "../log";
import { toMySettings } from "./my-settings";
import { publishUserUpdate } from "./publish-user-update";

export interface AvatarDeps {
  db: Db;
  publisher: Publisher;
  files: { store: FileStore };
  log: Logger;
}

/**
 * `fileId`: an object already in the FileStore, or null for none (initials). Throws only when
 * nothing changed (the transaction failed): the caller may then delete the new object.
 */
export async function setAvatar(deps: AvatarDeps, userId: string, fileId: string | null): Promise<MySettings> {
  const { db } = deps;
  const { user, replaced } = await db.$transaction(async (tx) => {
    const [row] = await tx.$queryRaw<{ avatarFileId: string | null }[]>`SELECT "avatarFileId" FROM "User" WHERE id = ${userId} FOR UPDATE`;
    const user = await tx.user.update({ where: { id: userId }, data: { avatarFileId: fileId } });
    return { user, replaced: row?.avatarFileId ?? null };
  });
  if (replaced && replaced !== fileId) {
    // A crash before this leaves bytes no row points to: never served (send-avatar.ts asks the row).
    await deps.files.store.delete([replaced]).catch((err: unknown) => deps.log.error({ err, key: replaced }, "could not delete a replaced profile picture"));
  }
  if (replaced !== fileId) {
    await publishUserUpdate(db, deps.publisher, user).catch((err: unknown) => deps.log.error({ err, userId }, "could not announce a new profile picture"));
  }
  return toMySettings(user);
}
