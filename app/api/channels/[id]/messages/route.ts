import { route } from "@/server/http/route";
import { getHistory } from "@/server/messages/get-history";

export const GET = route(async ({ rt, userId, params, query }) => ({
  json: { messages: await getHistory(rt.db, userId, params.id!, query) },
}));
