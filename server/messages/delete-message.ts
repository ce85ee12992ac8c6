import type { DeleteMessageInput } from "../../lib/contract/event-schemas";
import type { Message } from "../../lib/contract/models";
import { AppError } from "../errors";
import { type ChangeDeps, changeMessage } from "./change-message";

/**
 * Its sender, or a group's owner or admin, deletes a message (direct channels have no admins).
 * A tombstone: the seq stays, the content goes — body, search entry, mentions, reactions (files
 * when they exist). Deleting again changes nothing and answers the same tombstone.
 */
export async function deleteMessage(deps: ChangeDeps, userId: string, { channelId, seq }: DeleteMessageInput): Promise<Message> {
  return changeMessage(deps, userId, channelId, seq, async ({ tx, row, channelKind, role }) => {
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
    return true;
  });
}
