import { route } from "@/server/http/route";

// One node: the socket server is this origin. Several nodes (step 5) pick the least loaded one.
export const GET = route(
  async ({ rt, req }) => ({ json: { url: rt.config.PUBLIC_URL ?? new URL(req.url).origin } }),
  { auth: false },
);
