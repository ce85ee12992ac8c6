import { route } from "@/server/http/route";
import { makeInviteLink } from "@/server/invites/make-invite-link";

export const POST = route("POST /api/invites", async ({ services, req, userId, body }) => ({
  status: 201,
  json: { invite: await makeInviteLink(services, userId, body, new URL(req.url).origin) },
}));
