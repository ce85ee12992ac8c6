import type { Message } from "@/lib/contract/models";

/**
 * Indices [from, to) of the run of consecutive seqs that holds `seq`, in a list sorted by seq;
 * `null` asks for the newest run. A seq not held gives an empty run.
 */
export function runAround(sorted: readonly Message[], seq: number | null): { from: number; to: number } {
  if (sorted.length === 0) return { from: 0, to: 0 };
  let i = sorted.length - 1;
  if (seq !== null) {
    let lo = 0;
    let hi = sorted.length - 1;
    i = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const s = sorted[mid]!.seq;
      if (s === seq) {
        i = mid;
        break;
      }
      if (s < seq) lo = mid + 1;
      else hi = mid - 1;
    }
    if (i < 0) return { from: 0, to: 0 };
  }
  let from = i;
  let to = i + 1;
  while (from > 0 && sorted[from - 1]!.seq === sorted[from]!.seq - 1) from--;
  while (to < sorted.length && sorted[to]!.seq === sorted[to - 1]!.seq + 1) to++;
  return { from, to };
}

export function permalinkPath(channelId: string, seq: number): string {
  return `/c/${encodeURIComponent(channelId)}/m/${seq}`;
}
