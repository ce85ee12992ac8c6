import { discoverSocketUrl } from "@/server/discovery/discover";
import { route } from "@/server/http/route";

export const GET = route(
  async ({ rt, req }) => ({ json: { url: discoverSocketUrl(rt.config.PUBLIC_URL, req.headers, new URL(req.url).origin) } }),
  { auth: false },
);
