import { bodyProblem } from "../../lib/contract/message-body";
import { LIMITS } from "../../lib/contract/limits";
import type { Message } from "../../lib/contract/models";
import { sendMessagePayload } from "../../lib/contract/schemas";
import { throwNotMember } from "../channels/require-member";
import type { Db } from "../db/types";
import { AppError } from "../errors";
import type { Publisher } from "../events/publisher";
import { toMessage } from "./message-dto";
import { storeMessage } from "./store-message";

interface Deps {
  db: Db;
  publisher: Publisher;
}

export interface SendResult {
  message: Message;
  /** true when this was a retry of a message already stored. */
  duplicate: boolean;
}

/**
 * validate → authorize and store (one statement) → publish to the channel's room after commit.
 * The caller acks only once this resolves, i.e. once the message is durable.
 */
export async function sendMessage({ db, publisher }: Deps, senderId: string, input: unknown): Promise<SendResult> {
  const parsed = sendMessagePayload.safeParse(input);
  if (!parsed.success) throw AppError.fromZod(parsed.error);
  const { channelId, clientMsgId, body } = parsed.data;
  const problem = bodyProblem(body);
  if (problem === "empty") throw new AppError("invalid", "body: must not be empty or only whitespace");
  if (problem === "too_large") throw new AppError("too_large", `body: at most ${LIMITS.bodyMaxChars} characters`);

  const r = await storeMessage(db, { channelId, senderId, body, clientMsgId });
  if (r.kind === "rejected") return throwNotMember(db, channelId);
  const message = toMessage(r.row);
  if (r.kind === "duplicate") {
    if (message.channelId !== channelId) {
      throw new AppError("conflict", "clientMsgId was already used for a message in another channel");
    }
    return { message, duplicate: true };
  }
  // Every device of every member, the sender's included (the sending tab dedupes by clientMsgId).
  publisher.publish("message", message, { channels: [channelId] });
  return { message, duplicate: false };
}
