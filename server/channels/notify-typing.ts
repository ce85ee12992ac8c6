import { typingPayload } from "../../lib/contract/schemas";
import type { Db } from "../db/types";
import { AppError } from "../errors";
import type { Publisher } from "../events/publisher";
import { requireMember } from "./require-member";

/** Tells the channel's other members that the user is typing. Volatile: a lost one is harmless. */
export async function notifyTyping({ db, publisher }: { db: Db; publisher: Publisher }, userId: string, input: unknown) {
  const parsed = typingPayload.safeParse(input);
  if (!parsed.success) throw AppError.fromZod(parsed.error);
  await requireMember(db, parsed.data.channelId, userId);
  publisher.publish(
    "typing",
    { channelId: parsed.data.channelId, userId },
    { channels: [parsed.data.channelId], exceptUsers: [userId], volatile: true },
  );
}
