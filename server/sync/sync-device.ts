import type { SyncInput } from "../../lib/contract/event-schemas";
import { LIMITS } from "../../lib/contract/limits";
import type { Message, SyncResult } from "../../lib/contract/models";
import { listChannels } from "../channels/list-channels";
import type { Db } from "../db/types";
import { toMessage } from "../messages/message-dto";

/**
 * Catch-up for a (re)connecting device: for each of the user's channels, the messages after the
 * device's cursor, oldest first, at most `limit` in all. Work is bounded by the user's own
 * channels: cursors for other channels are ignored, never looked up.
 */
export async function syncDevice(db: Db, userId: string, input: SyncInput): Promise<SyncResult> {
  const { cursors } = input;
  const limit = input.limit ?? LIMITS.syncDefault;

  const channels = await listChannels(db, userId);
  const behind = channels
    .map((c) => ({ id: c.id, cursor: Math.min(cursors[c.id] ?? 0, c.lastSeq), lastSeq: c.lastSeq }))
    .filter((c) => c.lastSeq > c.cursor);

  const messages: Message[] = [];
  let more = false;
  for (const c of behind) {
    const room = limit - messages.length;
    if (room <= 0) {
      more = true;
      break;
    }
    const rows = await db.message.findMany({
      where: { channelId: c.id, seq: { gt: c.cursor } },
      orderBy: { seq: "asc" },
      take: room,
    });
    messages.push(...rows.map(toMessage));
    if (c.cursor + rows.length < c.lastSeq) more = true;
  }
  return { messages, channels, more };
}
