import { removeMember } from "@/server/channels/manage-members";
import { route } from "@/server/http/route";

export const DELETE = route(async ({ rt, userId, params }) => {
  await removeMember(rt, userId, params.id!, params.userId!);
  return new Response(null, { status: 204 });
});
