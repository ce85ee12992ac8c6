// The one way a stored message changes (edit, delete, reaction). In ONE transaction: lock the
// channel row — the same lock a send takes (store-messages.ts), so every change of a channel,
// sends included, is ordered by it — check who may do it, and, only when something really
// changes, take the channel's next version and stamp the message with it. After commit, every
// device of every member gets `message:update`. Concurrent changes apply one after the other;
// the last one wins and its version is the highest, so every device ends with the same message.
import type { MemberRole, Message } from "../../lib/contract/models";
import { throwNotMember } from "../channels/require-member";
import type { Prisma } from "../db/generated/client";
import type { Db } from "../db/types";
import { AppError } from "../errors";
import type { Publisher } from "../events/publisher";
import { type MessageRow, messageSelect, toMessages } from "./message-dto";

export interface ChangeDeps {
  db: Db;
  publisher: Publisher;
}

export interface Change {
  tx: Prisma.TransactionClient;
  /** The message as stored before this change (deleted ones included). */
  row: MessageRow;
  channelKind: "direct" | "group";
  /** The caller's role in the channel. */
  role: MemberRole;
  /**
   * The channel's next version, stamped on the message: taken once, when `apply` says it changed
   * something (or earlier, if `apply` needs the value).
   */
  nextVersion(): Promise<number>;
}

/** `apply` changes the row (or not) and says whether it did; it throws AppError to refuse. */
export async function changeMessage(
  { db, publisher }: ChangeDeps,
  userId: string,
  channelId: string,
  seq: number,
  apply: (c: Change) => Promise<boolean>,
): Promise<Message> {
  const { message, changed } = await db.$transaction(async (tx) => {
    const [channel] = await tx.$queryRaw<{ kind: "direct" | "group" }[]>`
      SELECT kind FROM "Channel" WHERE id = ${channelId} FOR UPDATE`;
    const member = channel && (await tx.membership.findUnique({
      where: { channelId_userId: { channelId, userId } },
      select: { role: true },
    }));
    if (!member) return throwNotMember(db, channelId);
    const row = await tx.message.findUnique({ where: { channelId_seq: { channelId, seq } }, select: messageSelect });
    if (!row) throw new AppError("not_found", `no message ${seq} in this channel`);

    let version: number | undefined;
    const nextVersion = async () => {
      if (version === undefined) {
        const [c] = await tx.$queryRaw<{ version: number }[]>`
          UPDATE "Channel" SET version = version + 1 WHERE id = ${channelId} RETURNING version`;
        version = c!.version;
        await tx.message.update({ where: { channelId_seq: { channelId, seq } }, data: { version } });
      }
      return version;
    };
    const changed = await apply({ tx, row, channelKind: channel.kind, role: member.role, nextVersion });
    if (changed) await nextVersion();
    const now = changed
      ? await tx.message.findUniqueOrThrow({ where: { channelId_seq: { channelId, seq } }, select: messageSelect })
      : row;
    const [message] = await toMessages(tx, [now]);
    return { message: message!, changed };
  });
  if (changed) publisher.publish("message:update", message, { channels: [channelId] });
  return message;
}
