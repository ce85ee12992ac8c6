import { listMembers } from "@/server/channels/list-members";
import { addMembers } from "@/server/channels/manage-members";
import { route } from "@/server/http/route";

export const GET = route("GET /api/channels/:id/members", async ({ services, userId, params }) => ({
  json: { members: await listMembers(services.db, userId, params.id) },
}));

export const POST = route("POST /api/channels/:id/members", async ({ services, userId, params, body }) => ({
  json: { channel: await addMembers(services, userId, params.id, body) },
}));
