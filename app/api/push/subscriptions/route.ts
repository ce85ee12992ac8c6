import { route } from "@/server/http/route";
import { removeSubscription, saveSubscription } from "@/server/push/subscriptions";

/** `{endpoint, keys: {p256dh, auth}}`, as PushSubscription.toJSON() gives it. */
export const POST = route(async ({ rt, userId, body }) => ({ status: 201, json: await saveSubscription(rt.db, userId, body) }));

/** `{endpoint}` */
export const DELETE = route(async ({ rt, userId, body }) => {
  await removeSubscription(rt.db, userId, body);
  return new Response(null, { status: 204 });
});
