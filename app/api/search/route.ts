import { route } from "@/server/http/route";
import { searchMessages } from "@/server/search/search-messages";

export const GET = route("GET /api/search", async ({ services, userId, query }) => ({
  json: { results: await searchMessages(services.db, userId, query) },
}));
