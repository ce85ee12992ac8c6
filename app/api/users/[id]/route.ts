import { route } from "@/server/http/route";
import { getUser } from "@/server/users/find-users";

export const GET = route("GET /api/users/:id", async ({ services, userId, params }) => ({
  json: { user: await getUser(services.db, userId, params.id) },
}));
