import { route } from "@/server/http/route";
import { changePassword } from "@/server/users/change-password";

export const PUT = route("PUT /api/me/password", async ({ services, userId, sessionId, body }) => {
  await changePassword(services, { userId, sessionId }, body);
});
