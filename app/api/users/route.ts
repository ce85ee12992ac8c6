import { route } from "@/server/http/route";
import { createUser } from "@/server/users/create-user";
import { findUsers } from "@/server/users/find-users";

export const POST = route(async ({ rt, body }) => ({ status: 201, json: { user: await createUser(rt.db, body) } }), {
  auth: false,
});

export const GET = route(async ({ rt, userId, query }) => ({ json: { users: await findUsers(rt.db, userId, query) } }));
