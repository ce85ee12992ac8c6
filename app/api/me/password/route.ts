import { route } from "@/server/http/route";
import { changePassword } from "@/server/users/sessions";

export const PUT = route("PUT /api/me/password", async ({ services, userId, body }) => {
  await changePassword(services.db, userId, body);
});
