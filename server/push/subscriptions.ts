import type { PushEndpointInput, PushSubscriptionInput } from "../../lib/contract/schemas";
import type { Db } from "../db/types";
import { AppError } from "../errors";
import { checkPushEndpoint, type PushEgress } from "./push-egress";

export interface SubscriptionRules {
  egress: PushEgress;
  /** MAX_PUSH_SUBSCRIPTIONS_PER_USER: bounds the sends one message can cause. */
  maxPerUser: number;
}

/**
 * Saves a device's push subscription for the user, tied to the session that registers it: it is
 * deleted with that session (log-out, DELETE /api/me/sessions/:id). Re-subscribing the same
 * endpoint moves it to the new user and session.
 */
export async function saveSubscription(
  db: Db,
  caller: { userId: string; sessionId: string },
  { endpoint, keys }: PushSubscriptionInput,
  rules: SubscriptionRules,
): Promise<{ id: string }> {
  const { userId, sessionId } = caller;
  await checkPushEndpoint(endpoint, rules.egress);
  return db.$transaction(async (tx) => {
    // One subscriber of this user at a time, so two racing requests cannot both take the last place.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('push-subscriptions'), hashtext(${userId}))`;
    const others = await tx.pushSubscription.count({ where: { userId, NOT: { endpoint } } });
    if (others >= rules.maxPerUser) {
      throw new AppError("rate_limited", `at most ${rules.maxPerUser} devices may get notifications: turn them off on one first`);
    }
    return tx.pushSubscription.upsert({
      where: { endpoint },
      create: { userId, sessionId, endpoint, p256dh: keys.p256dh, auth: keys.auth },
      update: { userId, sessionId, p256dh: keys.p256dh, auth: keys.auth },
      select: { id: true },
    });
  });
}

export async function removeSubscription(db: Db, userId: string, { endpoint }: PushEndpointInput): Promise<void> {
  const { count } = await db.pushSubscription.deleteMany({ where: { userId, endpoint } });
  if (count === 0) throw new AppError("not_found", "no such subscription");
}
