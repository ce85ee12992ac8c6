import { route } from "@/server/http/route";
import { logOutEverywhere } from "@/server/users/end-sessions";

export const POST = route("POST /api/me/logout-all", async ({ services, userId }) => {
  await logOutEverywhere(services, userId);
});
