import { bodyProblem } from "../../lib/contract/message-body";
import { LIMITS } from "../../lib/contract/limits";
import type { Message } from "../../lib/contract/models";
import { sendMessagePayload } from "../../lib/contract/schemas";
import { throwNotMember } from "../channels/require-member";
import type { Db } from "../db/types";
import { AppError } from "../errors";
import type { ChannelWriter } from "./channel-writer";
import { findMentions } from "./find-mentions";
import { toMessage } from "./message-dto";
import type { SendLimiter } from "./send-limiter";

interface Deps {
  db: Db;
  writer: ChannelWriter;
  sendLimiter: SendLimiter;
}

export interface SendResult {
  message: Message;
  /** true when this was a retry of a message already stored. */
  duplicate: boolean;
}

/**
 * validate → authorize and store (one statement, coalesced per channel) → published to the
 * channel's room after commit by the writer. The caller acks only once this resolves, i.e. once
 * the message is durable.
 */
export async function sendMessage({ db, writer, sendLimiter }: Deps, senderId: string, input: unknown): Promise<SendResult> {
  const parsed = sendMessagePayload.safeParse(input);
  if (!parsed.success) throw AppError.fromZod(parsed.error);
  const { channelId, clientMsgId, body } = parsed.data;
  const problem = bodyProblem(body);
  if (problem === "empty") throw new AppError("invalid", "body: must not be empty or only whitespace");
  if (problem === "too_large") throw new AppError("too_large", `body: at most ${LIMITS.bodyMaxChars} characters`);

  await sendLimiter.take(senderId);
  const mentions = body.includes("@") ? findMentions(body, await memberNames(db, channelId), senderId) : [];
  const r = await writer.write({ channelId, senderId, body, clientMsgId, mentions });
  if (r.kind === "rejected") return throwNotMember(db, channelId);
  const message = toMessage(r.row);
  if (r.kind === "duplicate") {
    if (message.channelId !== channelId) {
      throw new AppError("conflict", "clientMsgId was already used for a message in another channel");
    }
    return { message, duplicate: true };
  }
  return { message, duplicate: false };
}

async function memberNames(db: Db, channelId: string) {
  const rows = await db.membership.findMany({ where: { channelId }, select: { user: { select: { id: true, name: true } } } });
  return rows.map((r) => r.user);
}
