import { route } from "@/server/http/route";
import { listMentions } from "@/server/search/list-mentions";

export const GET = route(async ({ rt, userId, query }) => ({ json: { results: await listMentions(rt.db, userId, query) } }));
