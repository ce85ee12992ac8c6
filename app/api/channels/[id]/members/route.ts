import { addMembers } from "@/server/channels/manage-members";
import { route } from "@/server/http/route";

export const POST = route(async ({ rt, userId, params, body }) => ({
  json: { channel: await addMembers(rt, userId, params.id!, body) },
}));
