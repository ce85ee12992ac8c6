import { route } from "@/server/http/route";

/** The application server key browsers need for pushManager.subscribe (public by design). */
export const GET = route("GET /api/push/vapid-public-key", async ({ services }) => ({
  json: { publicKey: services.vapidPublicKey },
}));
