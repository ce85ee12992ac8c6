import { discover } from "@/server/discovery/discover";
import { route } from "@/server/http/route";

export const GET = route(
  async ({ rt, req }) => ({
    json: {
      url: await discover(rt.db, { publicUrl: rt.config.PUBLIC_URL, liveWithinMs: rt.config.NODE_TIMEOUT_MS }, req.headers, new URL(req.url).origin),
    },
  }),
  { auth: false },
);
