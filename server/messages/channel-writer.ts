// Group commit across channels: every draft pending in this process goes out in ONE statement
// (store-messages.ts), not one per channel. Postgres commits a few thousand single-row
// transactions per second but a hundred thousand rows per second in batches, and at thousands of
// messages per second spread over hundreds of channels each channel alone almost never has two
// drafts waiting. At most `maxInFlight` statements run at once and a channel is in at most one of
// them: drafts arriving meanwhile wait and go out together in the next (the batch grows with
// the load, so a quiet server still writes each message at once). Because a channel's commits in
// this process happen one after the other, they are published in seq order.
// One sender cannot fail another's send: a draft the database would refuse is refused before it
// joins a batch (draftProblem), and a batch whose statement fails for any other reason is
// retried in halves down to the draft at fault, so only that draft fails (the statement is
// atomic: a failed one stored nothing and moved no seq).
import type { Db } from "../db/types";
import { hasLoneSurrogate, hasNul } from "../../lib/contract/text-rules";
import { AppError, isUniqueViolation } from "../errors";
import type { Publisher } from "../events/publisher";
import type { Logger } from "../log";
import { type MessageRow, messageSelect, toMessage } from "./message-dto";
import { findBySenderKey, type MessageDraft, storeMessages, type StoredRow } from "./store-messages";

export type WriteResult =
  | { kind: "stored"; row: StoredRow }
  /** A retry: this sender already stored a message under this clientMsgId. */
  | { kind: "duplicate"; row: MessageRow }
  /** Not a member, or no such channel: nothing was written. */
  | { kind: "rejected" };

interface Pending {
  draft: MessageDraft;
  resolve(r: WriteResult): void;
  reject(err: unknown): void;
}

export type StoredListener = (row: StoredRow) => void;

export interface ChannelWriter {
  write(draft: MessageDraft): Promise<WriteResult>;
  /**
   * Tells `listener` of every newly stored message (not retries), after commit and after it is
   * published, in seq order per channel. Listeners run on the write path: they must only queue
   * work (push notifications do). Returns the unsubscribe.
   */
  onStored(listener: StoredListener): () => void;
}

interface Deps {
  db: Db;
  publisher: Publisher;
  log: Logger;
}

export function createChannelWriter({ db, publisher, log }: Deps, { maxBatch = 500, maxInFlight = 2 } = {}): ChannelWriter {
  const listeners = new Set<StoredListener>();
  // After commit, in seq order: every device of every member, the sender's included (the
  // sending tab dedupes by clientMsgId). The sender has read up to their own message (the
  // statement moved their lastReadSeq): their devices learn it from this same `message` (its
  // senderId is them), so no `read` event follows it — one event per message, not two.
  const stored = (row: StoredRow) => {
    publisher.publish("message", toMessage(row), { channels: [row.channelId] });
    for (const listener of listeners) {
      // A failing listener must not fail the send: the message is stored and published.
      try {
        listener(row);
      } catch (err) {
        log.error({ err, channelId: row.channelId, seq: row.seq }, "message-stored listener failed");
      }
    }
  };
  // Drafts waiting, by channel (insertion order: the longest waiting channel first).
  const waiting = new Map<string, Pending[]>();
  // Channels with a statement in flight.
  const busy = new Set<string>();
  let inFlight = 0;
  let scheduled = false;

  // Deferred to the end of this turn of the event loop: the sends read from every socket in one
  // I/O poll join one statement.
  function schedule() {
    if (scheduled) return;
    scheduled = true;
    setImmediate(() => {
      scheduled = false;
      pump();
    });
  }

  function pump() {
    while (inFlight < maxInFlight) {
      const batch: Pending[] = [];
      const channels: string[] = [];
      for (const [channelId, queue] of waiting) {
        if (busy.has(channelId)) continue;
        if (batch.length > 0 && batch.length + queue.length > maxBatch) break;
        batch.push(...queue.splice(0, maxBatch));
        channels.push(channelId);
        if (queue.length === 0) waiting.delete(channelId);
        if (batch.length >= maxBatch) break;
      }
      if (batch.length === 0) return;
      for (const c of channels) busy.add(c);
      inFlight++;
      void run(batch).finally(() => {
        for (const c of channels) busy.delete(c);
        inFlight--;
        pump();
      });
    }
  }

  async function run(batch: Pending[]) {
    try {
      const results = await writeBatch(db, log, batch.map((p) => p.draft));
      // Results are in draft order, and a channel's drafts are in arrival order within the
      // batch: stored rows come out in seq order per channel.
      results.forEach((r, i) => {
        if (r instanceof Failed) return batch[i]!.reject(r.err);
        if (r.kind === "stored") stored(r.row);
        // A retry of a stored message is published again: its first publish may have died with
        // the node that committed it, and an ack must mean every connected member gets it.
        // Devices and the nodes' ordering gates drop what they already have (same seq).
        if (r.kind === "duplicate") publisher.publish("message", toMessage(r.row), { channels: [r.row.channelId] });
        batch[i]!.resolve(r);
      });
    } catch (err) {
      for (const p of batch) p.reject(err);
    }
  }

  return {
    write(draft) {
      const problem = draftProblem(draft);
      if (problem) return Promise.reject(new AppError("invalid", problem));
      return new Promise<WriteResult>((resolve, reject) => {
        const queue = waiting.get(draft.channelId);
        if (queue) queue.push({ draft, resolve, reject });
        else waiting.set(draft.channelId, [{ draft, resolve, reject }]);
        schedule();
      });
    },
    onStored(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

const keyOf = (d: MessageDraft) => `${d.senderId}\u0000${d.clientMsgId}`;

/**
 * What Postgres would refuse in a draft (it would fail the whole statement): the edges parse
 * with the contract's rules already; this keeps the writer safe whoever calls it.
 */
function draftProblem(d: MessageDraft): string | null {
  const strings = [d.channelId, d.senderId, d.body, d.clientMsgId, ...(d.mentions ?? []), ...(d.attachmentIds ?? [])];
  if (strings.some((s) => typeof s !== "string" || hasNul(s) || hasLoneSurrogate(s))) {
    return "a message must not contain the NUL character or a lone surrogate";
  }
  // Mentions travel comma-joined (store-messages.ts).
  if ((d.mentions ?? []).some((m) => m.includes(","))) return "a mentioned id must not contain a comma";
  return null;
}

/** A draft whose own statement failed: its send fails, no one else's. */
class Failed {
  constructor(readonly err: unknown) {}
}

/** One result per draft, in order. */
async function writeBatch(db: Db, log: Logger, drafts: MessageDraft[]): Promise<(WriteResult | Failed)[]> {
  // The same key twice in one batch (a retry racing its original): store it once.
  const firstIndex = new Map<string, number>();
  drafts.forEach((d, i) => firstIndex.has(keyOf(d)) || firstIndex.set(keyOf(d), i));
  const unique = [...firstIndex.values()].map((i) => drafts[i]!);

  const byKey = new Map<string, WriteResult | Failed>();
  await storeSplitting(db, log, unique, byKey);
  return drafts.map((d, i): WriteResult | Failed => {
    const r = byKey.get(keyOf(d)) ?? { kind: "rejected" };
    if (r instanceof Failed) return r;
    // A later copy of the same key answers as a retry of the first.
    if (firstIndex.get(keyOf(d)) !== i && r.kind !== "rejected") return { kind: "duplicate", row: r.row };
    return r;
  });
}

/**
 * Stores `drafts` in one statement; if it fails (the statement is atomic: nothing was stored),
 * in two halves, and so on down to the draft at fault: one bad draft among n costs about
 * 2·log2(n) statements, not n. The earlier half goes first, so a channel's drafts keep their order.
 */
async function storeSplitting(db: Db, log: Logger, drafts: MessageDraft[], byKey: Map<string, WriteResult | Failed>, top = true): Promise<void> {
  let rows: StoredRow[];
  try {
    rows = await storeMessages(db, drafts);
  } catch (err) {
    if (drafts.length === 1) {
      byKey.set(keyOf(drafts[0]!), await retryOrFailure(db, drafts[0]!, err));
      return;
    }
    // A concurrent insert of the same key (another node) is expected; anything else is worth a look.
    if (top && !isUniqueViolation(err)) log.warn({ err, drafts: drafts.length }, "message batch failed: splitting it");
    const mid = Math.ceil(drafts.length / 2);
    await storeSplitting(db, log, drafts.slice(0, mid), byKey, false);
    await storeSplitting(db, log, drafts.slice(mid), byKey, false);
    return;
  }
  for (const row of rows) byKey.set(keyOf(row), { kind: "stored", row });
  // Left out: a non-member's draft, or a retry of a message stored before (its row answers).
  const missing = drafts.filter((d) => !byKey.has(keyOf(d)));
  if (missing.length === 0) return;
  try {
    const earlier = await db.message.findMany({
      where: { OR: missing.map((d) => ({ senderId: d.senderId, clientMsgId: d.clientMsgId })) },
      select: messageSelect,
    });
    for (const row of earlier) byKey.set(keyOf(row), { kind: "duplicate", row });
  } catch (err) {
    // Only those drafts fail (their sender retries); the stored ones are answered.
    for (const d of missing) byKey.set(keyOf(d), new Failed(err));
  }
}

/** The one draft's statement failed: a retry of a stored message answers with it, else it fails. */
async function retryOrFailure(db: Db, d: MessageDraft, err: unknown): Promise<WriteResult | Failed> {
  if (!isUniqueViolation(err)) return new Failed(err);
  const row = await findBySenderKey(db, d.senderId, d.clientMsgId).catch(() => null);
  return row ? { kind: "duplicate", row } : new Failed(err);
}
