import type { PushEndpointInput, PushSubscriptionInput } from "../../lib/contract/schemas";
import type { Db } from "../db/types";
import { AppError } from "../errors";

/** Saves a device's push subscription for the user (re-subscribing the same endpoint moves it). */
export async function saveSubscription(db: Db, userId: string, { endpoint, keys }: PushSubscriptionInput): Promise<{ id: string }> {
  const row = await db.pushSubscription.upsert({
    where: { endpoint },
    create: { userId, endpoint, p256dh: keys.p256dh, auth: keys.auth },
    update: { userId, p256dh: keys.p256dh, auth: keys.auth },
    select: { id: true },
  });
  return row;
}

export async function removeSubscription(db: Db, userId: string, { endpoint }: PushEndpointInput): Promise<void> {
  const { count } = await db.pushSubscription.deleteMany({ where: { userId, endpoint } });
  if (count === 0) throw new AppError("not_found", "no such subscription");
}
