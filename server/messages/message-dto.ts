import type { Message, Reaction } from "../../lib/contract/models";
import type { Db } from "../db/types";

/** A stored message as queries return it (Prisma or raw SQL). */
export interface MessageRow {
  channelId: string;
  seq: number;
  senderId: string;
  body: string;
  clientMsgId: string;
  createdAt: Date;
  replyTo: number | null;
  editedAt: Date | null;
  deletedAt: Date | null;
  version: number;
}

/** The columns of MessageRow, for Prisma `select`. */
export const messageSelect = {
  channelId: true,
  seq: true,
  senderId: true,
  body: true,
  clientMsgId: true,
  createdAt: true,
  replyTo: true,
  editedAt: true,
  deletedAt: true,
  version: true,
} as const;

/** The SQL columns of MessageRow, for raw queries on "Message" aliased as `alias`. */
export const messageColumns = (alias: string) =>
  ["channelId", "seq", "senderId", "body", "clientMsgId", "createdAt", "replyTo", "editedAt", "deletedAt", "version"]
    .map((c) => `${alias}."${c}"`)
    .join(", ");

/** One person's reaction, in the order reactions were made. */
export interface ReactionRow {
  userId: string;
  emoji: string;
}

const iso = (d: Date | null) => (d === null ? null : new Date(d).toISOString());

/**
 * The protocol's message. `reactions` are the message's reaction rows oldest first: grouped per
 * emoji in the order each emoji first appeared. A deleted message shows nothing of what it was.
 */
export function toMessage(r: MessageRow, reactions: readonly ReactionRow[] = []): Message {
  const deleted = r.deletedAt !== null;
  return {
    channelId: r.channelId,
    seq: Number(r.seq),
    senderId: r.senderId,
    body: deleted ? "" : r.body,
    clientMsgId: r.clientMsgId,
    createdAt: new Date(r.createdAt).toISOString(),
    replyTo: r.replyTo === null ? null : Number(r.replyTo),
    editedAt: iso(r.editedAt),
    deletedAt: iso(r.deletedAt),
    reactions: deleted ? [] : groupReactions(reactions),
    // Files come with their own issue: no message has any yet.
    attachments: [],
    version: Number(r.version),
  };
}

function groupReactions(rows: readonly ReactionRow[]): Reaction[] {
  const byEmoji = new Map<string, string[]>();
  for (const { emoji, userId } of rows) {
    const users = byEmoji.get(emoji);
    if (users) users.push(userId);
    else byEmoji.set(emoji, [userId]);
  }
  return [...byEmoji].map(([emoji, userIds]) => ({ emoji, userIds }));
}

/**
 * Messages with their reactions, in the rows' order: one query for the whole page, an index scan
 * on the Reaction primary key per message. Ties in createdAt are broken by (userId, emoji) so
 * every reader sees the same order.
 */
export async function toMessages(db: Pick<Db, "$queryRaw">, rows: readonly MessageRow[]): Promise<Message[]> {
  const live = rows.filter((r) => r.deletedAt === null);
  if (live.length === 0) return rows.map((r) => toMessage(r));
  const reactions = await db.$queryRaw<(ReactionRow & { channelId: string; seq: number })[]>`
    SELECT r."channelId", r.seq, r."userId", r.emoji FROM "Reaction" r
    JOIN unnest(${live.map((r) => r.channelId)}::text[], ${live.map((r) => Number(r.seq))}::int[]) AS k(c, s)
      ON r."channelId" = k.c AND r.seq = k.s
    ORDER BY r."createdAt", r."userId", r.emoji`;
  const byKey = new Map<string, ReactionRow[]>();
  for (const x of reactions) {
    const key = `${x.channelId}\u0000${x.seq}`;
    const list = byKey.get(key);
    if (list) list.push(x);
    else byKey.set(key, [x]);
  }
  return rows.map((r) => toMessage(r, byKey.get(`${r.channelId}\u0000${r.seq}`)));
}
