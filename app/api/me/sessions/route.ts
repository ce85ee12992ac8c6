import { route } from "@/server/http/route";
import { listSessions } from "@/server/users/list-sessions";

export const GET = route("GET /api/me/sessions", async ({ services, userId, sessionId }) => ({
  json: { sessions: await listSessions(services.db, { userId, sessionId }) },
}));
