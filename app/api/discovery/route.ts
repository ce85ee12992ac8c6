import { discover } from "@/server/discovery/discover";
import { route } from "@/server/http/route";

export const GET = route("GET /api/discovery", async ({ services, req }) => ({
  json: {
    url: await discover(
      services.db,
      {
        publicUrl: services.config.PUBLIC_URL,
        liveWithinMs: services.config.NODE_TIMEOUT_MS,
        heartbeatMs: services.config.NODE_HEARTBEAT_MS,
      },
      req.headers,
      new URL(req.url).origin,
    ),
  },
}));
