import { route } from "@/server/http/route";
import { getUser } from "@/server/users/find-users";

export const GET = route(async ({ rt, userId, params }) => ({ json: { user: await getUser(rt.db, userId, params.id!) } }));
