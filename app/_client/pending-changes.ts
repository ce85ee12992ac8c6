// How a message looks with this device's unacknowledged changes (edits, deletes, reactions)
// applied on top, so what the user did shows at once, offline too. Pure; the store keeps the
// server's copy, and the change leaves the outbox when the server's answer arrives.
import type { Message, Reaction } from "@/lib/contract/models";
import type { PendingChange } from "./local-store";

/** A message with pending changes applied, and whether any is still waiting. */
export interface ShownMessage extends Message {
  /** Some change to it made here has not reached the server yet. */
  changing?: boolean;
}

function toggled(reactions: readonly Reaction[], emoji: string, userId: string, on: boolean): Reaction[] {
  const at = reactions.findIndex((r) => r.emoji === emoji);
  if (on) {
    if (at < 0) return [...reactions, { emoji, userIds: [userId] }];
    const r = reactions[at]!;
    if (r.userIds.includes(userId)) return reactions as Reaction[];
    return reactions.map((x, i) => (i === at ? { emoji, userIds: [...r.userIds, userId] } : x));
  }
  if (at < 0) return reactions as Reaction[];
  const left = reactions[at]!.userIds.filter((id) => id !== userId);
  return left.length ? reactions.map((x, i) => (i === at ? { emoji, userIds: left } : x)) : reactions.filter((_, i) => i !== at);
}

/** One message with the changes made to it (in the order made). Returns `m` itself when there are none. */
export function withPendingChanges(m: Message, changes: readonly PendingChange[], meId: string): ShownMessage {
  let out: ShownMessage = m;
  for (const c of changes) {
    if (c.channelId !== m.channelId || c.seq !== m.seq) continue;
    if (out.deletedAt) break;
    if (c.kind === "edit") out = { ...out, body: c.body, editedAt: c.createdAt, changing: true };
    else if (c.kind === "delete") out = { ...out, body: "", reactions: [], attachments: [], deletedAt: c.createdAt, changing: true };
    else out = { ...out, reactions: toggled(out.reactions, c.emoji, meId, c.on), changing: true };
  }
  return out;
}

/**
 * A channel's messages as shown. Unchanged messages keep their identity, and so does the list
 * when nothing applies (components below are memoized on them).
 */
export function showMessages(list: readonly Message[], changes: readonly PendingChange[], channelId: string, meId: string): readonly ShownMessage[] {
  const mine = changes.filter((c) => c.channelId === channelId);
  if (mine.length === 0) return list;
  const seqs = new Set(mine.map((c) => c.seq));
  return list.map((m) => (seqs.has(m.seq) ? withPendingChanges(m, mine, meId) : m));
}

/** Whether I have reacted with `emoji` (as shown, pending changes included). */
export function reactedWith(m: Message, emoji: string, meId: string): boolean {
  return m.reactions.some((r) => r.emoji === emoji && r.userIds.includes(meId));
}
