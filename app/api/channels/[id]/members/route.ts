import { listMembers } from "@/server/channels/list-members";
import { addMembers } from "@/server/channels/manage-members";
import { route } from "@/server/http/route";

export const GET = route(async ({ rt, userId, params }) => ({ json: { members: await listMembers(rt.db, userId, params.id!) } }));

export const POST = route(async ({ rt, userId, params, body }) => ({
  json: { channel: await addMembers(rt, userId, params.id!, body) },
}));
