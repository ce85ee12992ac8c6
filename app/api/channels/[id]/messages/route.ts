import { route } from "@/server/http/route";
import { getHistory } from "@/server/messages/get-history";

export const GET = route("GET /api/channels/:id/messages", async ({ services, userId, params, query }) => ({
  json: { messages: await getHistory(services.db, userId, params.id, query) },
}));
