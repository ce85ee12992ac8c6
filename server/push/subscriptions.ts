import { z } from "zod";
import type { Db } from "../db/types";
import { AppError } from "../errors";

const base64url = z.string().min(1).max(200).regex(/^[A-Za-z0-9_-]+=*$/, "must be base64url");
export const subscriptionBody = z.object({
  endpoint: z.url().max(2000).refine((u) => u.startsWith("https://"), "endpoint must be https"),
  keys: z.object({ p256dh: base64url, auth: base64url }),
});
const endpointBody = z.object({ endpoint: z.string().min(1).max(2000) });

/** Saves a device's push subscription for the user (re-subscribing the same endpoint moves it). */
export async function saveSubscription(db: Db, userId: string, input: unknown): Promise<{ id: string }> {
  const parsed = subscriptionBody.safeParse(input);
  if (!parsed.success) throw AppError.fromZod(parsed.error);
  const { endpoint, keys } = parsed.data;
  const row = await db.pushSubscription.upsert({
    where: { endpoint },
    create: { userId, endpoint, p256dh: keys.p256dh, auth: keys.auth },
    update: { userId, p256dh: keys.p256dh, auth: keys.auth },
    select: { id: true },
  });
  return row;
}

export async function removeSubscription(db: Db, userId: string, input: unknown): Promise<void> {
  const parsed = endpointBody.safeParse(input);
  if (!parsed.success) throw AppError.fromZod(parsed.error);
  const { count } = await db.pushSubscription.deleteMany({ where: { userId, endpoint: parsed.data.endpoint } });
  if (count === 0) throw new AppError("not_found", "no such subscription");
}
