// Per channel, the device's sync cursor (cur_max_message_id): every seq in (baseline, cursor] is
// held, so `sync` asks only for what comes after it. Seqs held above the cursor (a live message
// after a gap, a page fetched out of order) are remembered until the gap below them is filled.
// Pure bookkeeping, no I/O: the same deliveries in any order, repeated or not, give the same state.
// Next to each cursor, the channel `version` up to which the device has applied changes (edits,
// deletes, reactions) to the messages it holds: `sync` with `{seq, version}` answers the changes after it.

export interface Gap {
  /** Fetch after this seq (the cursor) ... */
  after: number;
  /** ... up to this one (the highest seq held). */
  upTo: number;
}

export class CursorTracker {
  private readonly cursors = new Map<string, number>();
  private readonly baselines = new Map<string, number>();
  private readonly versions = new Map<string, number>();
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
   * Returns whether the cursor is new or moved. `version`: the channel's change counter from where
   * the device starts (0 when it syncs the channel whole; its current one when it starts at lastSeq,
   * so that older messages' changes are not all sent again).
   */
  start(channelId: string, baseline: number, held: Iterable<number> = [], version = 0): boolean {
    let changed = false;
    if (!this.cursors.has(channelId)) {
      this.cursors.set(channelId, baseline);
      this.baselines.set(channelId, baseline);
      this.versions.set(channelId, version);
      // Seqs held before the channel was known: those at or below the baseline are not needed.
      const early = this.ahead.get(channelId);
      if (early) for (const seq of early) if (seq <= baseline) early.delete(seq);
      changed = true;
    }
    return this.hold(channelId, held) || changed;
  }

  /** Picks up where the device left off: `cursor` checked against the messages it holds. */
  restore(channelId: string, baseline: number, cursor: number, heldAhead: Iterable<number>, version = 0): void {
    this.forget(channelId);
    this.cursors.set(channelId, Math.max(baseline, cursor));
    this.baselines.set(channelId, baseline);
    this.versions.set(channelId, version);
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

  version(channelId: string): number | undefined {
    return this.versions.get(channelId);
  }

  /**
   * Every change up to `version` has been applied (a sync answer said so). Only moves forward;
   * returns whether it moved.
   */
  applied(channelId: string, version: number): boolean {
    const now = this.versions.get(channelId);
    if (now === undefined || !Number.isSafeInteger(version) || version <= now) return false;
    this.versions.set(channelId, version);
    return true;
  }

  /**
   * A live change (a `message` or `message:update`) at `version`: when it is the very next one,
   * everything up to it is applied. Any other leaves the version where it is (a later sync
   * answers what lies between), so a lost event is never skipped over.
   */
  appliedLive(channelId: string, version: number): boolean {
    const now = this.versions.get(channelId);
    return now !== undefined && version === now + 1 && this.applied(channelId, version);
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
    this.versions.delete(channelId);
    this.baselines.delete(channelId);
    this.ahead.delete(channelId);
  }

  clear(): void {
    this.cursors.clear();
    this.baselines.clear();
    this.versions.clear();
    this.ahead.clear();
  }

  /** The cursors to send with `sync`. */
  snapshot(): Record<string, number> {
    return Object.fromEntries(this.cursors);
  }

  /** The cursors to send with `sync` when changes are wanted too. */
  snapshotWithVersions(): Record<string, { seq: number; version: number }> {
    const out: Record<string, { seq: number; version: number }> = {};
    for (const [id, seq] of this.cursors) out[id] = { seq, version: this.versions.get(id) ?? 0 };
    return out;
  }

  /** Held seqs above the cursor (for tests and the stored state). */
  heldAhead(channelId: string): number[] {
    return [...(this.ahead.get(channelId) ?? [])].sort((a, b) => a - b);
  }
}
