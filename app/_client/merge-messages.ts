import type { Message } from "@/lib/contract/models";

/**
 * Merges messages of one channel into a list sorted by seq: one entry per seq, the newer copy
 * winning. Returns the same array when nothing changed, so selectors stay stable.
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
    if (!bySeq.has(m.seq)) changed = true;
    bySeq.set(m.seq, m);
  }
  if (!changed) return existing as Message[];
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
}
