import { renameChannel } from "@/server/channels/update-channel";
import { route } from "@/server/http/route";

export const PATCH = route("PATCH /api/channels/:id", async ({ services, userId, params, body }) => ({
  json: { channel: await renameChannel(services, userId, params.id, body) },
}));
