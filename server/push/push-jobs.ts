// The PushJob table as a work queue shared by every node. The statement that stores a message
// writes its job (server/messages/store-messages.ts); workers claim due jobs with
// FOR UPDATE SKIP LOCKED and a lease, so two nodes never take the same job at once and a job
// whose worker died is taken again once its lease runs out. All times are the database's now():
// the nodes' clocks never matter.
import type { Db } from "../db/types";

export interface PushJob {
  channelId: string;
  seq: number;
  /** Claims so far, this one included. */
  attempts: number;
  /** Subscriptions an earlier attempt already sent to. */
  deliveredTo: string[];
  /** Older than the push TTL: nobody should get it any more. */
  expired: boolean;
}

/** Notifications are worth sending for this long (also the TTL given to push services). */
export const PUSH_TTL_SECONDS = 24 * 3600;

/**
 * Takes up to `limit` due jobs for `worker` until `leaseMs` from now. One statement, so the row
 * locks last only as long as it does; the lease is what keeps other workers away afterwards.
 */
export async function claimPushJobs(db: Db, worker: string, limit: number, leaseMs: number): Promise<PushJob[]> {
  return db.$queryRaw<PushJob[]>`
    UPDATE "PushJob" j
    SET attempts = j.attempts + 1, "lockedUntil" = now() + ${leaseMs}::int * interval '1 millisecond', "lockedBy" = ${worker}
    FROM (
      SELECT "channelId", seq FROM "PushJob"
      WHERE "runAt" <= now() AND ("lockedUntil" IS NULL OR "lockedUntil" <= now())
      ORDER BY "runAt"
      LIMIT ${limit}::int
      FOR UPDATE SKIP LOCKED
    ) due
    WHERE j."channelId" = due."channelId" AND j.seq = due.seq
    RETURNING j."channelId", j.seq, j.attempts, j."deliveredTo",
      j."createdAt" < now() - ${PUSH_TTL_SECONDS}::int * interval '1 second' AS expired`;
}

/** Done (sent, nobody to notify, or given up). Only while `worker` still holds the job. */
export async function deletePushJob(db: Db, job: PushJob, worker: string): Promise<void> {
  await db.$executeRaw`
    DELETE FROM "PushJob" WHERE "channelId" = ${job.channelId} AND seq = ${job.seq} AND "lockedBy" = ${worker}`;
}

/** Try again after `delayMs`, skipping the subscriptions in `sent` (added to those sent before). */
export async function retryPushJob(db: Db, job: PushJob, worker: string, delayMs: number, sent: string[], error: string): Promise<void> {
  await db.$executeRaw`
    UPDATE "PushJob"
    SET "runAt" = now() + ${delayMs}::int * interval '1 millisecond', "lockedUntil" = NULL, "lockedBy" = NULL,
      "lastError" = ${error.slice(0, 500)}, "deliveredTo" = "deliveredTo" || ${sent}::text[]
    WHERE "channelId" = ${job.channelId} AND seq = ${job.seq} AND "lockedBy" = ${worker}`;
}

/** On shutdown: hands the worker's unfinished jobs back, for any node to take now. */
export async function releasePushJobs(db: Db, worker: string): Promise<number> {
  return db.$executeRaw`UPDATE "PushJob" SET "lockedUntil" = NULL, "lockedBy" = NULL WHERE "lockedBy" = ${worker}`;
}

/** Jobs not yet done, on every node: waiting, retrying or being sent. */
export async function countPushJobs(db: Db): Promise<number> {
  const [row] = await db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM "PushJob"`;
  return row?.n ?? 0;
}
