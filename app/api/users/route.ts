import { route } from "@/server/http/route";
import { createUser } from "@/server/users/create-user";
import { findUsers } from "@/server/users/find-users";

export const POST = route("POST /api/users", async ({ services, body }) => ({
  status: 201,
  json: { user: await createUser(services.db, body) },
}));

export const GET = route("GET /api/users", async ({ services, userId, query }) => ({
  json: { users: await findUsers(services.db, userId, query) },
}));
