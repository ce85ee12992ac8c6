import { route } from "@/server/http/route";
import { searchMessages } from "@/server/search/search-messages";

export const GET = route(async ({ rt, userId, query }) => ({ json: { results: await searchMessages(rt.db, userId, query) } }));
