import type { SyncInput } from "../../lib/contract/event-schemas";
import { LIMITS } from "../../lib/contract/limits";
import type { SyncResult } from "../../lib/contract/models";
import { listChannels } from "../channels/list-channels";
import type { Db } from "../db/types";
import { type MessageRow, messageSelect, toMessages } from "../messages/message-dto";

/**
 * Catch-up for a (re)connecting device: for each of the user's channels, the messages after the
 * device's cursor, oldest first, at most `limit` in all. A cursor `{seq, version}` also asks for
 * the changes (edits, deletes, reactions) to the messages up to `seq` since `version`: a range
 * scan on (channelId, version), in version order, filled before the channel's new messages.
 * Work is bounded by the user's own channels: cursors for other channels are ignored, never
 * looked up.
 */
export async function syncDevice(db: Db, userId: string, input: SyncInput): Promise<SyncResult> {
  const { cursors } = input;
  const limit = input.limit ?? LIMITS.syncDefault;
  const wantsUpdates = Object.values(cursors).some((c) => typeof c === "object");

  const channels = await listChannels(db, userId);
  const behind = channels
    .map((c) => {
      const cursor = cursors[c.id];
      const seq = Math.min(typeof cursor === "object" ? cursor.seq : (cursor ?? 0), c.lastSeq);
      // A plain number asks for new messages only.
      const version = typeof cursor === "object" && seq > 0 ? cursor.version : null;
      return { id: c.id, seq, lastSeq: c.lastSeq, version, changed: version !== null && c.version > version };
    })
    .filter((c) => c.lastSeq > c.seq || c.changed);

  const messageRows: MessageRow[] = [];
  const updateRows: MessageRow[] = [];
  let more = false;
  const room = () => limit - messageRows.length - updateRows.length;
  for (const c of behind) {
    if (room() <= 0) {
      more = true;
      break;
    }
    if (c.changed) {
      // One more than fits tells whether the channel has more changes than this page holds.
      const rows = await db.message.findMany({
        where: { channelId: c.id, seq: { lte: c.seq }, version: { gt: c.version! } },
        orderBy: { version: "asc" },
        take: room() + 1,
        select: messageSelect,
      });
      if (rows.length > room()) {
        updateRows.push(...rows.slice(0, room()));
        more = true;
        break;
      }
      updateRows.push(...rows);
    }
    if (c.lastSeq <= c.seq) continue;
    if (room() <= 0) {
      more = true;
      break;
    }
    const rows = await db.message.findMany({
      where: { channelId: c.id, seq: { gt: c.seq } },
      orderBy: { seq: "asc" },
      take: room(),
      select: messageSelect,
    });
    messageRows.push(...rows);
    if (c.seq + rows.length < c.lastSeq) more = true;
  }
  const [messages, updates] = await Promise.all([toMessages(db, messageRows), toMessages(db, updateRows)]);
  return { messages, ...(wantsUpdates ? { updates } : {}), channels, more };
}
