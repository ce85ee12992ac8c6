import { removeMember } from "@/server/channels/manage-members";
import { setMemberRole } from "@/server/channels/update-channel";
import { route } from "@/server/http/route";

export const DELETE = route("DELETE /api/channels/:id/members/:userId", async ({ services, userId, params }) => {
  await removeMember(services, userId, params.id, params.userId);
});

/** Owners name admins and other owners. */
export const PATCH = route("PATCH /api/channels/:id/members/:userId", async ({ services, userId, params, body }) => {
  await setMemberRole(services, userId, params.id, params.userId, body);
});
