// One attempt at a stored message's notifications: find who should get one now (no device
// online, a subscription, not muted unless mentioned), build each payload, and send to every
// subscription an earlier attempt has not reached. Expired (404/410) and refused endpoints are
// deleted. Says which sends may succeed later (network errors, timeouts, 429, 5xx), for the
// caller to retry.
import type { Agent } from "node:https";
import webpush from "web-push";
import type { Db } from "../db/types";
import type { Logger } from "../log";
import { findPushRecipients } from "./find-push-recipients";
import { buildNotification } from "./notification-payload";
import { mayContact, type PushEgress } from "./push-egress";
import { PUSH_TTL_SECONDS } from "./push-jobs";
import type { VapidKeys } from "./vapid-keys";

export interface SendContext {
  db: Db;
  log: Logger;
  vapid: VapidKeys;
  egress: PushEgress;
  agent: Agent;
  timeoutMs: number;
}

export interface SendOutcome {
  /** Subscriptions that accepted the notification in this attempt. */
  sent: string[];
  /** Sends that failed in a way worth retrying. */
  retry: number;
  /** Sends that failed for good (other 4xx): the service will not take this payload. */
  failed: number;
  /** One of the retryable errors, for the job's lastError. */
  lastError?: string;
}

export async function sendNotifications(c: SendContext, key: { channelId: string; seq: number }, skip: readonly string[]): Promise<SendOutcome> {
  const out: SendOutcome = { sent: [], retry: 0, failed: 0 };
  const m = await c.db.message.findUnique({
    where: { channelId_seq: { channelId: key.channelId, seq: key.seq } },
    select: { channelId: true, seq: true, senderId: true, body: true },
  });
  if (!m) return out; // its channel was deleted
  const recipients = await findPushRecipients(c.db, m.channelId, m.seq, m.senderId);
  if (recipients.length === 0) return out;
  const [channel, sender, firstFile] = await Promise.all([
    c.db.channel.findUnique({ where: { id: m.channelId }, select: { id: true, kind: true, name: true } }),
    c.db.user.findUnique({ where: { id: m.senderId }, select: { name: true } }),
    // Files: a message of files alone is announced by its first one ("Photo" or its name).
    c.db.attachment.findFirst({ where: { channelId: m.channelId, seq: m.seq }, orderBy: { position: "asc" }, select: { name: true, type: true } }),
  ]);
  if (!channel) return out;
  const expired: string[] = [];
  // Endpoints that point inside the network (saved before the check existed, written to the
  // database directly, or a name that now resolves to a private address): never contacted.
  const refused: string[] = [];
  await Promise.all(
    recipients.flatMap((r) => {
      const payload = JSON.stringify(
        buildNotification({ channel, senderName: sender?.name ?? null, locale: r.locale, seq: m.seq, body: m.body, showPreview: r.previews, mentioned: r.mentioned, firstFile }),
      );
      return r.subscriptions
        .filter((s) => !skip.includes(s.id))
        .map(async (s) => {
          if (!mayContact(s.endpoint, c.egress)) {
            refused.push(s.id);
            return;
          }
          try {
            await webpush.sendNotification({ endpoint: s.endpoint, keys: { p256dh: s.p256dh, auth: s.auth } }, payload, {
              vapidDetails: c.vapid,
              TTL: PUSH_TTL_SECONDS,
              urgency: r.mentioned ? "high" : "normal",
              timeout: c.timeoutMs,
              agent: c.agent,
            });
            out.sent.push(s.id);
          } catch (err) {
            const status = (err as { statusCode?: number }).statusCode;
            const code = (err as { code?: string }).code;
            if (status === 404 || status === 410) expired.push(s.id);
            else if (code === "ENOTPUBLIC") refused.push(s.id);
            else {
              const host = new URL(s.endpoint).host;
              if (status === undefined || status === 429 || status >= 500) {
                out.retry++;
                out.lastError = `${host}: ${status ?? code ?? (err as Error).message}`;
              } else out.failed++;
              c.log.warn({ status, code, endpoint: host }, "push send failed");
            }
          }
        });
    }),
  );
  if (refused.length) c.log.warn({ count: refused.length }, "push endpoints refused: not on the public internet");
  const dead = [...expired, ...refused];
  if (dead.length) await c.db.pushSubscription.deleteMany({ where: { id: { in: dead } } });
  return out;
}
