import type { ReactionInput } from "../../lib/contract/event-schemas";
import { LIMITS } from "../../lib/contract/limits";
import type { Message } from "../../lib/contract/models";
import { AppError } from "../errors";
import { type ChangeDeps, changeMessage } from "./change-message";

/**
 * Adds (`on`) or removes the caller's reaction. Doing what is already done changes nothing (no
 * new version, no event); a message holds at most LIMITS.reactionsPerMessageMax different emoji.
 */
export async function react(deps: ChangeDeps, userId: string, { channelId, seq, emoji, on }: ReactionInput): Promise<Message> {
  return changeMessage(deps, userId, channelId, seq, async ({ tx, row }) => {
    if (row.deletedAt) throw new AppError("not_found", `message ${seq} was deleted`);
    const key = { channelId_seq_userId_emoji: { channelId, seq, userId, emoji } };
    if (!on) return (await tx.reaction.deleteMany({ where: { channelId, seq, userId, emoji } })).count > 0;
    if (await tx.reaction.findUnique({ where: key, select: { emoji: true } })) return false;
    const emojis = await tx.reaction.findMany({ where: { channelId, seq }, distinct: ["emoji"], select: { emoji: true } });
    if (emojis.length >= LIMITS.reactionsPerMessageMax && !emojis.some((e) => e.emoji === emoji)) {
      throw new AppError("invalid", `at most ${LIMITS.reactionsPerMessageMax} different emoji on one message`);
    }
    await tx.reaction.create({ data: { channelId, seq, userId, emoji } });
    return true;
  });
}
