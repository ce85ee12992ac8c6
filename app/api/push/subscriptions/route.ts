import { route } from "@/server/http/route";
import { removeSubscription, saveSubscription } from "@/server/push/subscriptions";

export const POST = route("POST /api/push/subscriptions", async ({ services, userId, sessionId, body }) => ({
  status: 201,
  json: await saveSubscription(services.db, { userId, sessionId }, body),
}));

export const DELETE = route("DELETE /api/push/subscriptions", async ({ services, userId, body }) => {
  await removeSubscription(services.db, userId, body);
});
