import { bodyProblem } from "../../lib/contract/message-body";
import { LIMITS } from "../../lib/contract/limits";
import type { Message } from "../../lib/contract/models";
import type { SendMessageInput } from "../../lib/contract/event-schemas";
import type { MembershipCache } from "../channels/membership-cache";
import { throwNotMember } from "../channels/require-member";
import type { Db } from "../db/types";
import { AppError } from "../errors";
import type { ChannelWriter } from "./channel-writer";
import { mentionedMembers } from "./mention-candidates";
import { toMessage, toMessages } from "./message-dto";
import type { SendLimiter } from "./send-limiter";

interface Deps {
  db: Db;
  writer: ChannelWriter;
  sendLimiter: SendLimiter;
  members: MembershipCache;
}

export interface SendResult {
  message: Message;
  /** true when this was a retry of a message already stored. */
  duplicate: boolean;
}

/** The rule of a message body, for a new message and an edit alike; files may stand alone. */
export function requireValidBody(body: string, hasFiles = false): void {
  const problem = bodyProblem(body);
  if (problem === "empty" && !hasFiles) throw new AppError("invalid", "body: must not be empty, only whitespace or only invisible characters");
  if (problem === "too_large") throw new AppError("too_large", `body: at most ${LIMITS.bodyMaxChars} characters`);
  if (problem === "invalid") throw new AppError("invalid", "body: no control characters other than tab and line feed");
}

/**
 * validate → authorize and store (one statement, coalesced per channel) → published to the
 * channel's room after commit by the writer. The caller acks only once this resolves, i.e. once
 * the message is durable.
 */
export async function sendMessage({ db, writer, sendLimiter, members }: Deps, senderId: string, input: SendMessageInput): Promise<SendResult> {
  const { channelId, clientMsgId, body, replyTo } = input;
  const attachmentIds = input.attachmentIds ?? [];
  requireValidBody(body, attachmentIds.length > 0);

  await sendLimiter.take(senderId);
  // Refused before it is queued: a non-member's draft never rides in a member's statement.
  if (!(await members.isMember(channelId, senderId))) return throwNotMember(db, channelId);
  if (replyTo !== undefined) await requireReplyTarget(db, channelId, replyTo);
  if (attachmentIds.length > 0) await requireUnsentUploads(db, senderId, channelId, clientMsgId, attachmentIds);
  const mentions = await mentionedMembers(db, channelId, body, senderId);
  const r = await writer.write({ channelId, senderId, body, clientMsgId, mentions, replyTo: replyTo ?? null, attachmentIds });
  if (r.kind === "rejected") return throwNotMember(db, channelId);
  // A new message's files come back from its statement; a retry's are loaded.
  const message = r.kind === "stored" ? toMessage(r.row) : (await toMessages(db, [r.row]))[0]!;
  if (r.kind === "duplicate") {
    if (message.channelId !== channelId) {
      throw new AppError("conflict", "clientMsgId was already used for a message in another channel");
    }
    return { message, duplicate: true };
  }
  return { message, duplicate: false };
}

/**
 * A reply answers a message of the same channel. Seqs are gapless, never reused, and a message
 * is never removed (a delete leaves a tombstone, which may still be answered), so every seq from
 * 1 to lastSeq exists; lastSeq only grows, so what holds now still holds when the write runs.
 */
async function requireReplyTarget(db: Db, channelId: string, replyTo: number) {
  const c = await db.channel.findUnique({ where: { id: channelId }, select: { lastSeq: true } });
  if (!c || replyTo > c.lastSeq) throw new AppError("invalid", `replyTo: no message ${replyTo} in this channel`);
}

/**
 * Files: each id an upload of the sender to this channel that no message took yet, each once.
 * Checked before queueing so that one sender's bad id does not fail a batch (the statement checks
 * again, atomically: store-messages.ts). A retry of a stored send names files its first attempt
 * took: it passes, and the writer answers the stored message.
 */
async function requireUnsentUploads(db: Db, senderId: string, channelId: string, clientMsgId: string, ids: readonly string[]) {
  if (new Set(ids).size !== ids.length) throw new AppError("invalid", "attachmentIds: the same file twice");
  const rows = await db.attachment.findMany({ where: { id: { in: [...ids] } }, select: { channelId: true, uploaderId: true, seq: true } });
  const usable = rows.filter((a) => a.channelId === channelId && a.uploaderId === senderId && a.seq === null).length;
  if (usable === ids.length) return;
  const retry = await db.message.findUnique({ where: { senderId_clientMsgId: { senderId, clientMsgId } }, select: { seq: true } });
  if (!retry) throw new AppError("invalid", "attachmentIds: a file is unknown, someone else's, in another channel or already sent");
}
