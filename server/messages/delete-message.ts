import type { DeleteMessageInput } from "../../lib/contract/event-schemas";
import type { Message } from "../../lib/contract/models";
import { AppError } from "../errors";
import { objectKeys } from "../files/attachment-dto";
import type { FileStore } from "../files/file-store";
import type { Logger } from "../log";
import { type ChangeDeps, changeMessage } from "./change-message";

/**
 * Its sender, or a group's owner or admin, deletes a message (direct channels have no admins).
 * A tombstone: the seq stays, the content goes — body, search entry, mentions, reactions, files.
 * The files' rows go in the same transaction (from then on their URLs answer 404); their bytes
 * right after commit. Deleting again changes nothing and answers the same tombstone.
 */
export async function deleteMessage(
  deps: ChangeDeps & { files: { store: FileStore }; log: Logger },
  userId: string,
  { channelId, seq }: DeleteMessageInput,
): Promise<Message> {
  let gone: { id: string; thumbnail: boolean }[] = [];
  const message = await changeMessage(deps, userId, channelId, seq, async ({ tx, row, channelKind, role }) => {
    const moderator = channelKind === "group" && (role === "owner" || role === "admin");
    if (row.senderId !== userId && !moderator) {
      throw new AppError("forbidden", "only its sender, or the group's owner or an admin, deletes a message");
    }
    if (row.deletedAt) return false;
    await tx.$executeRaw`
      UPDATE "Message" SET body = '', search = NULL, "deletedAt" = now()
      WHERE "channelId" = ${channelId} AND seq = ${seq}`;
    await tx.mention.deleteMany({ where: { channelId, seq } });
    await tx.reaction.deleteMany({ where: { channelId, seq } });
    gone = await tx.$queryRaw<{ id: string; thumbnail: boolean }[]>`
      DELETE FROM "Attachment" WHERE "channelId" = ${channelId} AND seq = ${seq} RETURNING id, thumbnail`;
    return true;
  });
  const keys = gone.flatMap(objectKeys);
  // A failure here leaves bytes no row points to (never served again), not a broken message.
  if (keys.length) await deps.files.store.delete(keys).catch((err: unknown) => deps.log.error({ err, keys }, "could not delete a deleted message's files"));
  return message;
}
