import { route } from "@/server/http/route";
import { endSession } from "@/server/users/end-sessions";

export const DELETE = route("DELETE /api/me/sessions/:id", async ({ services, userId, params }) => {
  await endSession(services, userId, params.id);
});
