import type { EditMessageInput } from "../../lib/contract/event-schemas";
import type { Message } from "../../lib/contract/models";
import { AppError } from "../errors";
import { type ChangeDeps, changeMessage } from "./change-message";
import { mentionedMembers } from "./mention-candidates";
import { requireValidBody } from "./send-message";

/**
 * Only its sender edits a message, under the rules of a new message's body. The search entry and
 * the mentions follow the new text (a mention added by an edit shows in the mentions view, in the
 * message's place, but notifies no one: edits never push). The same text again changes nothing.
 */
export async function editMessage(deps: ChangeDeps, userId: string, { channelId, seq, body }: EditMessageInput): Promise<Message> {
  requireValidBody(body);
  return changeMessage(deps, userId, channelId, seq, async ({ tx, row }) => {
    if (row.deletedAt) throw new AppError("not_found", `message ${seq} was deleted`);
    if (row.senderId !== userId) throw new AppError("forbidden", "only its sender edits a message");
    if (row.body === body) return false;
    await tx.$executeRaw`
      UPDATE "Message" SET body = ${body}, search = chat_search_vector(${body}), "editedAt" = now()
      WHERE "channelId" = ${channelId} AND seq = ${seq}`;
    const mentioned = await mentionedMembers(tx, channelId, body, userId);
    await tx.mention.deleteMany({ where: { channelId, seq, userId: { notIn: mentioned } } });
    if (mentioned.length > 0) {
      await tx.mention.createMany({
        data: mentioned.map((u) => ({ channelId, seq, userId: u, createdAt: row.createdAt })),
        skipDuplicates: true,
      });
    }
    return true;
  });
}
