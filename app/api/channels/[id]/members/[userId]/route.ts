import { removeMember } from "@/server/channels/manage-members";
import { setMemberRole } from "@/server/channels/update-channel";
import { route } from "@/server/http/route";

export const DELETE = route(async ({ rt, userId, params }) => {
  await removeMember(rt, userId, params.id!, params.userId!);
  return new Response(null, { status: 204 });
});

/** `{role: "owner" | "admin" | "member"}`: owners name admins and other owners. */
export const PATCH = route(async ({ rt, userId, params, body }) => {
  await setMemberRole(rt, userId, params.id!, params.userId!, body);
  return new Response(null, { status: 204 });
});
