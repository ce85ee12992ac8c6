import { route } from "@/server/http/route";
import { setChannelMuted } from "@/server/push/notification-settings";

export const PUT = route("PUT /api/channels/:id/mute", async ({ services, userId, params, body }) => ({
  json: await setChannelMuted(services.db, userId, params.id, body),
}));
