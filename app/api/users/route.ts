import { clientIp } from "@/server/http/client-ip";
import { route } from "@/server/http/route";
import { findUsers } from "@/server/users/find-users";
import { signUp } from "@/server/users/sign-up";

export const POST = route("POST /api/users", async ({ services, req, body }) => ({
  status: 201,
  json: { user: await signUp({ ...services, signupMode: services.config.SIGNUP_MODE }, body, clientIp(req)) },
}));

export const GET = route("GET /api/users", async ({ services, userId, query }) => ({
  json: { users: await findUsers(services.db, userId, query) },
}));
