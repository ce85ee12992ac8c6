import type { TypingInput } from "../../lib/contract/event-schemas";
import type { Db } from "../db/types";
import type { Publisher } from "../events/publisher";
import { requireMember } from "./require-member";

/** Tells the channel's other members that the user is typing. Volatile: a lost one is harmless. */
export async function notifyTyping({ db, publisher }: { db: Db; publisher: Publisher }, userId: string, { channelId }: TypingInput) {
  await requireMember(db, channelId, userId);
  publisher.publish("typing", { channelId, userId }, { channels: [channelId], exceptUsers: [userId], volatile: true });
}
