import { route } from "@/server/http/route";
import { updateMySettings } from "@/server/push/notification-settings";
import { getUser } from "@/server/users/find-users";

export const GET = route("GET /api/me", async ({ services, userId }) => ({
  json: { user: await getUser(services.db, userId, userId) },
}));

export const PATCH = route("PATCH /api/me", async ({ services, userId, body }) => ({
  json: { user: await updateMySettings(services.db, userId, body) },
}));
