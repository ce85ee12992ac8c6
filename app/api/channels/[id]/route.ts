import { renameChannel } from "@/server/channels/update-channel";
import { route } from "@/server/http/route";

export const PATCH = route(async ({ rt, userId, params, body }) => ({
  json: { channel: await renameChannel(rt, userId, params.id!, body) },
}));
