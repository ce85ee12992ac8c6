// When a live `message` is out of order (docs/operations.md › Chaos runs): judged per device and
// channel, against the highest seq that device got live since its last (re)connect.
export type OrderFault = "not-after-previous" | "skipped";

/**
 * @param previous the highest seq received live in this channel on this connection (undefined:
 *   none yet, so this one is not judged: sync fills what came before it)
 * @param heldUpTo the device holds every seq from 1 to this one (before taking `seq`)
 */
export function judgeLive(previous: number | undefined, seq: number, heldUpTo: number): OrderFault | null {
  if (previous === undefined) return null;
  if (seq <= previous) return "not-after-previous";
  // A device with a hole below `previous` may still be catching up: a skip is judged only when
  // it held everything up to `previous`.
  if (seq !== previous + 1 && heldUpTo >= previous) return "skipped";
  return null;
}
