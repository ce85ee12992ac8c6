import { route } from "@/server/http/route";
import { logOutEverywhere } from "@/server/users/sessions";

export const POST = route("POST /api/me/logout-all", async ({ services, userId }) => {
  await logOutEverywhere(services.db, userId);
});
