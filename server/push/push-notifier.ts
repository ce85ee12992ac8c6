// Sends Web Push notifications for stored messages, off the message path: `messageStored` only
// queues a job and returns. Workers look up who has no device online and send to each of their
// subscriptions; a slow or dead push service delays only this queue (every send has a timeout),
// and expired subscriptions (404/410) are deleted. Jobs live in memory: a crash loses pending
// notifications, never messages.
import type { Agent } from "node:https";
import webpush from "web-push";
import type { Db } from "../db/types";
import type { Logger } from "../log";
import type { MessageRow } from "../messages/message-dto";
import { findPushRecipients } from "./find-push-recipients";
import { buildNotification } from "./notification-payload";
import { createPushAgent, mayContact, type PushEgress } from "./push-egress";
import type { VapidKeys } from "./vapid-keys";

export interface PushNotifier {
  messageStored(row: MessageRow): void;
  /** For metrics: notifications waiting, and failed deliveries since start. */
  stats(): { queued: number; failed: number };
  /** Waits for queued work (up to the timeout) and stops. */
  close(timeoutMs?: number): Promise<void>;
}

export interface PushOptions {
  db: Db;
  log: Logger;
  vapid: VapidKeys;
  /** Which push endpoints may be contacted (server/push/push-egress.ts). */
  egress: PushEgress;
  concurrency: number;
  timeoutMs: number;
  maxQueue: number;
}

export function createPushNotifier(opts: PushOptions): PushNotifier {
  const o = { ...opts, agent: createPushAgent(opts.egress) };
  const queue: MessageRow[] = [];
  let active = 0;
  let closed = false;
  const idle: Array<() => void> = [];
  const counts = { failed: 0 };

  const pump = () => {
    while (active < o.concurrency && queue.length > 0) {
      const job = queue.shift()!;
      active++;
      deliver(o, job, counts)
        .catch((err: unknown) => {
          counts.failed++;
          o.log.error({ err, channelId: job.channelId, seq: job.seq }, "push delivery failed");
        })
        .finally(() => {
          active--;
          if (active === 0 && queue.length === 0) idle.splice(0).forEach((r) => r());
          pump();
        });
    }
  };

  return {
    messageStored(row) {
      if (closed) return;
      if (queue.length >= o.maxQueue) {
        queue.shift();
        o.log.warn({ maxQueue: o.maxQueue }, "push queue full: dropped the oldest notification");
      }
      queue.push(row);
      queueMicrotask(pump);
    },
    stats: () => ({ queued: queue.length, failed: counts.failed }),
    async close(timeoutMs = 5000) {
      closed = true;
      if (active !== 0 || queue.length !== 0) {
        await Promise.race([new Promise<void>((r) => idle.push(r)), new Promise((r) => setTimeout(r, timeoutMs).unref())]);
      }
      o.agent.destroy();
    },
  };
}

async function deliver(o: PushOptions & { agent: Agent }, m: MessageRow, counts: { failed: number }) {
  const recipients = await findPushRecipients(o.db, m.channelId, m.seq, m.senderId);
  if (recipients.length === 0) return;
  const [channel, sender, firstFile] = await Promise.all([
    o.db.channel.findUnique({ where: { id: m.channelId }, select: { id: true, kind: true, name: true } }),
    o.db.user.findUnique({ where: { id: m.senderId }, select: { name: true } }),
    // Files: a message of files alone is announced by its first one.
    m.attachments?.length
      ? o.db.attachment.findFirst({ where: { channelId: m.channelId, seq: m.seq }, orderBy: { position: "asc" }, select: { name: true, type: true } })
      : null,
  ]);
  if (!channel) return;
  const expired: string[] = [];
  // Endpoints that point inside the network (saved before the check existed, written to the
  // database directly, or a name that now resolves to a private address): never contacted.
  const refused: string[] = [];
  await Promise.all(
    recipients.flatMap((r) => {
      const payload = JSON.stringify(
        buildNotification({ channel, senderName: sender?.name ?? "Someone", seq: m.seq, body: m.body, showPreview: r.previews, mentioned: r.mentioned, firstFile }),
      );
      return r.subscriptions.map(async (s) => {
        if (!mayContact(s.endpoint, o.egress)) {
          refused.push(s.id);
          return;
        }
        try {
          await webpush.sendNotification({ endpoint: s.endpoint, keys: { p256dh: s.p256dh, auth: s.auth } }, payload, {
            vapidDetails: o.vapid,
            TTL: 24 * 3600,
            urgency: r.mentioned ? "high" : "normal",
            timeout: o.timeoutMs,
            agent: o.agent,
          });
        } catch (err) {
          const status = (err as { statusCode?: number }).statusCode;
          if (status === 404 || status === 410) expired.push(s.id);
          else if ((err as { code?: string }).code === "ENOTPUBLIC") refused.push(s.id);
          else {
            counts.failed++;
            o.log.warn({ status, endpoint: new URL(s.endpoint).host }, "push send failed");
          }
        }
      });
    }),
  );
  if (refused.length) o.log.warn({ count: refused.length }, "push endpoints refused: not on the public internet");
  const dead = [...expired, ...refused];
  if (dead.length) await o.db.pushSubscription.deleteMany({ where: { id: { in: dead } } });
}
