import { route } from "@/server/http/route";
import { removeSubscription, saveSubscription } from "@/server/push/subscriptions";

export const POST = route("POST /api/push/subscriptions", async ({ services, userId, sessionId, body }) => ({
  status: 201,
  json: await saveSubscription(services.db, { userId, sessionId }, body, {
    egress: { allowPrivate: services.config.PUSH_ALLOW_PRIVATE_ENDPOINTS },
    maxPerUser: services.config.MAX_PUSH_SUBSCRIPTIONS_PER_USER,
  }),
}));

export const DELETE = route("DELETE /api/push/subscriptions", async ({ services, userId, body }) => {
  await removeSubscription(services.db, userId, body);
});
