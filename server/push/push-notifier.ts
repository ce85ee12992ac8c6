// Sends Web Push notifications for stored messages, off the message path. The jobs are rows of
// PushJob, written by the statement that stores each message, so neither a crash nor a restart
// loses a pending notification. Every node runs these workers: they poll the table every
// `pollMs` (and at once when this node stored a message: `wake`), claim up to `concurrency` due
// jobs under a lease (server/push/push-jobs.ts), send, and delete each job. A slow or dead push
// service delays only notifications (every send has a timeout).
//
// Failures: sends that may succeed later (network errors, timeouts, 429, 5xx) are retried after
// `retryDelaysMs[attempt - 1]`, then the job is dropped (logged, counted). A retry skips the
// subscriptions that already accepted it (the job records them). We choose duplicates over
// losses where the two conflict: a worker that dies mid-send, or a shutdown that gives up on a
// slow send, leaves the job to be sent again to everyone not recorded, so a device may show a
// notification twice (same `tag`, so browsers replace rather than stack it); a notification is
// dropped only after its last attempt, or unsent 24 h after its message (the push TTL).
import { createPushAgent, type PushEgress } from "./push-egress";
import type { Db } from "../db/types";
import type { Logger } from "../log";
import { claimPushJobs, countPushJobs, deletePushJob, releasePushJobs, retryPushJob, type PushJob } from "./push-jobs";
import { sendNotifications } from "./send-notifications";
import type { VapidKeys } from "./vapid-keys";

export interface PushNotifier {
  /** A message was stored here: look for work now rather than at the next poll. */
  wake(): void;
  /** Jobs in the table (all nodes'): read at most once a second. */
  pendingJobs(): Promise<number>;
  /** Since this node started: sends that failed; notifications given up (attempts or age). */
  counts(): { failed: number; dropped: number };
  /** Stops claiming, waits for sends in flight (up to the timeout), hands back the rest. */
  close(timeoutMs?: number): Promise<void>;
}

export interface PushOptions {
  db: Db;
  log: Logger;
  vapid: VapidKeys;
  /** Which push endpoints may be contacted (server/push/push-egress.ts). */
  egress: PushEgress;
  /** Names this node's claims (lockedBy). */
  workerId: string;
  /** Jobs this node sends at once. */
  concurrency: number;
  /** Per push request. */
  timeoutMs: number;
  pollMs: number;
  /** How long a claim keeps other nodes away: longer than one attempt can take. */
  leaseMs: number;
  /** Wait before retry n (1-based) is retryDelaysMs[n - 1]; attempts = its length + 1. */
  retryDelaysMs: readonly number[];
}

export function createPushNotifier(o: PushOptions): PushNotifier {
  const agent = createPushAgent(o.egress);
  const ctx = { db: o.db, log: o.log, vapid: o.vapid, egress: o.egress, agent, timeoutMs: o.timeoutMs };
  const maxAttempts = o.retryDelaysMs.length + 1;
  const counts = { failed: 0, dropped: 0 };
  const inFlight = new Set<Promise<void>>();
  let closed = false;
  let claiming: Promise<void> | null = null;
  let again = false;
  let pending: { at: number; value: Promise<number> } | null = null;

  const drop = (job: PushJob, reason: string, extra: object = {}) => {
    counts.dropped++;
    o.log.warn({ channelId: job.channelId, seq: job.seq, attempts: job.attempts, reason, ...extra }, "push notification dropped");
    return deletePushJob(o.db, job, o.workerId);
  };

  const attempt = async (job: PushJob) => {
    if (job.expired) return drop(job, "older than the push TTL");
    let retry = 0;
    let sent: string[] = [];
    let error = "";
    try {
      const out = await sendNotifications(ctx, job, job.deliveredTo);
      counts.failed += out.retry + out.failed;
      ({ retry, sent } = out);
      error = out.lastError ?? "";
    } catch (err) {
      // The database or a bug, not a push service: the same retry rule.
      o.log.error({ err, channelId: job.channelId, seq: job.seq }, "push delivery failed");
      counts.failed++;
      retry = 1;
      error = String(err).slice(0, 200);
    }
    if (retry === 0) return deletePushJob(o.db, job, o.workerId);
    if (job.attempts >= maxAttempts) return drop(job, "no attempts left", { lastError: error });
    await retryPushJob(o.db, job, o.workerId, o.retryDelaysMs[job.attempts - 1]!, sent, error);
  };

  const run = (job: PushJob) => {
    const p: Promise<void> = attempt(job)
      // The job stays claimed; its lease runs out and any node takes it again.
      .catch((err: unknown) => o.log.error({ err, channelId: job.channelId, seq: job.seq }, "push job bookkeeping failed"))
      .finally(() => {
        inFlight.delete(p);
        fill();
      });
    inFlight.add(p);
  };

  // Claims while there are free slots and due jobs; one claim at a time per node.
  const fill = () => {
    if (closed) return;
    if (claiming) {
      again = true;
      return;
    }
    claiming = (async () => {
      do {
        again = false;
        const free = o.concurrency - inFlight.size;
        if (free <= 0) break;
        const jobs = await claimPushJobs(o.db, o.workerId, free, o.leaseMs);
        jobs.forEach(run);
        if (jobs.length === free) again = true; // there may be more due
      } while (again && !closed);
    })()
      .catch((err: unknown) => o.log.warn({ err }, "push: claiming jobs failed; trying again at the next poll"))
      .finally(() => {
        claiming = null;
      });
  };

  const timer = setInterval(fill, o.pollMs);
  timer.unref();
  queueMicrotask(fill);

  return {
    wake: fill,
    pendingJobs() {
      if (!pending || Date.now() - pending.at > 1000) {
        pending = { at: Date.now(), value: countPushJobs(o.db) };
        pending.value.catch(() => {
          pending = null;
        });
      }
      return pending.value;
    },
    counts: () => ({ ...counts }),
    async close(timeoutMs = 5000) {
      closed = true;
      clearInterval(timer);
      await claiming;
      if (inFlight.size > 0) {
        await Promise.race([Promise.allSettled([...inFlight]), new Promise((r) => setTimeout(r, timeoutMs).unref())]);
      }
      if (inFlight.size > 0) {
        // Sends that outlived the wait: their jobs are free for any node from now on, not only
        // after their lease (they may be sent twice: see the top of this file).
        const released = await releasePushJobs(o.db, o.workerId).catch((err: unknown) => {
          o.log.error({ err }, "push: could not hand back claimed jobs; they are retried when their lease ends");
          return 0;
        });
        o.log.info({ released }, "push: handed back unfinished notifications");
      }
      agent.destroy();
    },
  };
}
