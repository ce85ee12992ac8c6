import { route } from "@/server/http/route";
import { getMySettings, updateMySettings } from "@/server/users/my-settings";

export const GET = route("GET /api/me", async ({ services, userId }) => ({
  json: { user: await getMySettings(services.db, userId) },
}));

export const PATCH = route("PATCH /api/me", async ({ services, userId, body }) => ({
  json: { user: await updateMySettings(services, userId, body) },
}));
