import { route } from "@/server/http/route";
import { changePassword } from "@/server/users/sessions";

/** `{currentPassword, newPassword}` → 204; every session and token ends. */
export const PUT = route(async ({ rt, userId, body }) => {
  await changePassword(rt.db, userId, body);
  return new Response(null, { status: 204 });
});
