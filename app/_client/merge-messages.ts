import type { Message } from "@/lib/contract/models";

/** The copy to keep of one message: the one with the higher version (a later change); on a tie, the newer arrival. */
export function newerCopy(held: Message, incoming: Message): Message {
  return (incoming.version ?? 0) >= (held.version ?? 0) ? incoming : held;
}

/**
 * Merges messages of one channel into a list sorted by seq: one entry per seq, the copy with the
 * higher `version` winning (an edit's answer may arrive after a later reaction's event). Returns
 * the same array when nothing changed, so selectors stay stable.
 */
export function mergeMessages(existing: readonly Message[], incoming: readonly Message[]): Message[] {
  if (incoming.length === 0) return existing as Message[];
  const last = existing.at(-1);
  // The common case: live messages arriving in order after everything held.
  if (incoming.length === 1 && (!last || incoming[0]!.seq > last.seq)) return [...existing, incoming[0]!];
  const bySeq = new Map<number, Message>();
  for (const m of existing) bySeq.set(m.seq, m);
  let changed = false;
  for (const m of incoming) {
    const held = bySeq.get(m.seq);
    if (held === m) continue;
    // The same version again (a duplicate delivery) is the same content: nothing changes on screen.
    if (held && (held.version === m.version || newerCopy(held, m) === held)) continue;
    changed = true;
    bySeq.set(m.seq, m);
  }
  if (!changed) return existing as Message[];
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
}
