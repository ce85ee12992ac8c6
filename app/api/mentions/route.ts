import { route } from "@/server/http/route";
import { listMentions } from "@/server/search/list-mentions";

export const GET = route("GET /api/mentions", async ({ services, userId, query }) => ({
  json: { results: await listMentions(services.db, userId, query) },
}));
