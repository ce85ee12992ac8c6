import type { PushEndpointInput, PushSubscriptionInput } from "../../lib/contract/schemas";
import type { Db } from "../db/types";
import { AppError } from "../errors";

/**
 * Saves a device's push subscription for the user, tied to the session that registers it: it is
 * deleted with that session (log-out, DELETE /api/me/sessions/:id). Re-subscribing the same
 * endpoint moves it to the new user and session.
 */
export async function saveSubscription(
  db: Db,
  caller: { userId: string; sessionId: string },
  { endpoint, keys }: PushSubscriptionInput,
): Promise<{ id: string }> {
  const { userId, sessionId } = caller;
  const row = await db.pushSubscription.upsert({
    where: { endpoint },
    create: { userId, sessionId, endpoint, p256dh: keys.p256dh, auth: keys.auth },
    update: { userId, sessionId, p256dh: keys.p256dh, auth: keys.auth },
    select: { id: true },
  });
  return row;
}

export async function removeSubscription(db: Db, userId: string, { endpoint }: PushEndpointInput): Promise<void> {
  const { count } = await db.pushSubscription.deleteMany({ where: { userId, endpoint } });
  if (count === 0) throw new AppError("not_found", "no such subscription");
}
