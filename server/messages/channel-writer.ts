// Serializes and coalesces message writes per channel within this process. At most one statement
// per channel is in flight; sends that arrive meanwhile go out together in the next one (one
// round trip and one channel-row lock for many messages). Because a channel's commits in this
// process then happen in seq order, they are published in seq order too.
// One sender cannot fail another's send: a draft the database would refuse is refused before it
// joins a batch (draftProblem), and a batch whose statement fails for any other reason is
// retried draft by draft, so only the draft at fault fails (the statement is atomic: a failed one
// stored nothing and moved no seq).
import type { Db } from "../db/types";
import { hasLoneSurrogate, hasNul } from "../../lib/contract/text-rules";
import { AppError, isUniqueViolation } from "../errors";
import type { Publisher } from "../events/publisher";
import type { Logger } from "../log";
import { type MessageRow, toMessage } from "./message-dto";
import { findBySenderKey, type MessageDraft, storeMessages } from "./store-messages";

export type WriteResult =
  | { kind: "stored"; row: MessageRow }
  /** A retry: this sender already stored a message under this clientMsgId. */
  | { kind: "duplicate"; row: MessageRow }
  /** Not a member, or no such channel: nothing was written. */
  | { kind: "rejected" };

interface Pending {
  draft: MessageDraft;
  resolve(r: WriteResult): void;
  reject(err: unknown): void;
}

export type StoredListener = (row: MessageRow) => void;

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

export function createChannelWriter({ db, publisher, log }: Deps, maxBatch = 100): ChannelWriter {
  const listeners = new Set<StoredListener>();
  // After commit, in seq order: every device of every member, the sender's included (the
  // sending tab dedupes by clientMsgId). The sender has read up to their own message: their
  // other devices clear the channel too.
  const stored = (row: MessageRow) => {
    publisher.publish("message", toMessage(row), { channels: [row.channelId] });
    publisher.publish("read", { channelId: row.channelId, userId: row.senderId, seq: row.seq }, { users: [row.senderId] });
    for (const listener of listeners) {
      // A failing listener must not fail the send: the message is stored and published.
      try {
        listener(row);
      } catch (err) {
        log.error({ err, channelId: row.channelId, seq: row.seq }, "message-stored listener failed");
      }
    }
  };
  const queues = new Map<string, Pending[]>();

  async function drain(channelId: string, queue: Pending[]) {
    while (queue.length > 0) {
      const batch = queue.splice(0, maxBatch);
      try {
        const results = await writeBatch(db, log, channelId, batch.map((p) => p.draft));
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
    queues.delete(channelId);
  }

  return {
    write(draft) {
      const problem = draftProblem(draft);
      if (problem) return Promise.reject(new AppError("invalid", problem));
      return new Promise<WriteResult>((resolve, reject) => {
        const queue = queues.get(draft.channelId);
        if (queue) {
          queue.push({ draft, resolve, reject });
          return;
        }
        const fresh: Pending[] = [{ draft, resolve, reject }];
        queues.set(draft.channelId, fresh);
        void drain(draft.channelId, fresh);
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
async function writeBatch(db: Db, log: Logger, channelId: string, drafts: MessageDraft[]): Promise<(WriteResult | Failed)[]> {
  // The same key twice in one batch (a retry racing its original): store it once.
  const firstIndex = new Map<string, number>();
  drafts.forEach((d, i) => firstIndex.has(keyOf(d)) || firstIndex.set(keyOf(d), i));
  const unique = [...firstIndex.values()].map((i) => drafts[i]!);

  let byKey: Map<string, WriteResult | Failed>;
  try {
    const rows = await storeMessages(db, channelId, unique);
    byKey = new Map(rows.map((r) => [keyOf(r), { kind: "stored", row: r } as WriteResult]));
  } catch (err) {
    if (unique.length === 1 && !isUniqueViolation(err)) throw err;
    // Some draft is a retry of a stored message, or one made the statement fail: the batch
    // wrote nothing; go one by one so that each draft gets its own answer.
    if (!isUniqueViolation(err)) log.warn({ err, channelId, drafts: unique.length }, "message batch failed: retrying one by one");
    byKey = new Map();
    for (const d of unique) byKey.set(keyOf(d), await writeOne(db, channelId, d).catch((e: unknown) => new Failed(e)));
  }
  return drafts.map((d, i): WriteResult | Failed => {
    const r = byKey.get(keyOf(d)) ?? { kind: "rejected" };
    if (r instanceof Failed) return r;
    // A later copy of the same key answers as a retry of the first.
    if (firstIndex.get(keyOf(d)) !== i && r.kind !== "rejected") return { kind: "duplicate", row: r.row };
    return r;
  });
}

async function writeOne(db: Db, channelId: string, d: MessageDraft): Promise<WriteResult> {
  try {
    const [row] = await storeMessages(db, channelId, [d]);
    return row ? { kind: "stored", row } : { kind: "rejected" };
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    const row = await findBySenderKey(db, d.senderId, d.clientMsgId);
    if (!row) throw err;
    return { kind: "duplicate", row };
  }
}
