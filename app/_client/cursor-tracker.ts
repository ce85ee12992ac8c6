// Per channel, the device's sync cursor (cur_max_message_id): every seq in (baseline, cursor] is
// held, so `sync` asks only for what comes after it. Seqs held above the cursor (a live message
// after a gap, a page fetched out of order) are remembered until the gap below them is filled.
// Pure bookkeeping, no I/O: the same deliveries in any order, repeated or not, give the same state.

export interface Gap {
  /** Fetch after this seq (the cursor) ... */
  after: number;
  /** ... up to this one (the highest seq held). */
  upTo: number;
}

export class CursorTracker {
  private readonly cursors = new Map<string, number>();
  private readonly baselines = new Map<string, number>();
  /** Held seqs above the cursor, or of channels not started yet. */
  private readonly ahead = new Map<string, Set<number>>();

  has(channelId: string): boolean {
    return this.cursors.has(channelId);
  }

  cursor(channelId: string): number | undefined {
    return this.cursors.get(channelId);
  }

  baseline(channelId: string): number | undefined {
    return this.baselines.get(channelId);
  }

  /**
   * Starts tracking a channel from `baseline` (nothing at or below it is needed for sync), with
   * the seqs above it that the device already holds. A channel already tracked keeps its cursor.
   * Returns whether the cursor is new or moved.
   */
  start(channelId: string, baseline: number, held: Iterable<number> = []): boolean {
    let changed = false;
    if (!this.cursors.has(channelId)) {
      this.cursors.set(channelId, baseline);
      this.baselines.set(channelId, baseline);
      // Seqs held before the channel was known: those at or below the baseline are not needed.
      const early = this.ahead.get(channelId);
      if (early) for (const seq of early) if (seq <= baseline) early.delete(seq);
      changed = true;
    }
    return this.hold(channelId, held) || changed;
  }

  /** Picks up where the device left off: `cursor` checked against the messages it holds. */
  restore(channelId: string, baseline: number, cursor: number, heldAhead: Iterable<number>): void {
    this.forget(channelId);
    this.cursors.set(channelId, Math.max(baseline, cursor));
    this.baselines.set(channelId, baseline);
    this.hold(channelId, heldAhead);
  }

  /** Records held seqs of one channel; returns whether its cursor moved. */
  hold(channelId: string, seqs: Iterable<number>): boolean {
    const cursor = this.cursors.get(channelId);
    let ahead = this.ahead.get(channelId);
    for (const seq of seqs) {
      if (!Number.isSafeInteger(seq) || seq < 1) continue;
      if (cursor !== undefined && seq <= cursor) continue;
      if (!ahead) this.ahead.set(channelId, (ahead = new Set()));
      ahead.add(seq);
    }
    if (cursor === undefined || !ahead) return false;
    let at = cursor;
    while (ahead.delete(at + 1)) at++;
    if (ahead.size === 0) this.ahead.delete(channelId);
    if (at === cursor) return false;
    this.cursors.set(channelId, at);
    return true;
  }

  /** Seqs held above the cursor mean the ones between were missed: fetch them. */
  gap(channelId: string): Gap | null {
    const cursor = this.cursors.get(channelId);
    const ahead = this.ahead.get(channelId);
    if (cursor === undefined || !ahead || ahead.size === 0) return null;
    let upTo = cursor;
    for (const seq of ahead) if (seq > upTo) upTo = seq;
    return { after: cursor, upTo };
  }

  /** Channels whose held seqs leave a gap above the cursor. */
  gaps(): string[] {
    return [...this.ahead.keys()].filter((id) => this.gap(id) !== null);
  }

  forget(channelId: string): void {
    this.cursors.delete(channelId);
    this.baselines.delete(channelId);
    this.ahead.delete(channelId);
  }

  clear(): void {
    this.cursors.clear();
    this.baselines.clear();
    this.ahead.clear();
  }

  /** The cursors to send with `sync`. */
  snapshot(): Record<string, number> {
    return Object.fromEntries(this.cursors);
  }

  /** Held seqs above the cursor (for tests and the stored state). */
  heldAhead(channelId: string): number[] {
    return [...(this.ahead.get(channelId) ?? [])].sort((a, b) => a - b);
  }
}
