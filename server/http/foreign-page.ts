// A state-changing call that a browser authenticates on its own (cookie: anything but a bearer
// token) must come from the app's own pages (server/http/same-origin.ts). Checked before
// authentication: a foreign page learns nothing about the cookie either way. Shared by the
// route handlers (route.ts) and the file routes answered before Next (server/files/file-routes.ts).
import { bearerFrom } from "../auth/authenticate";
import type { Config } from "../config";
import { AppError } from "../errors";
import { isSameOrigin } from "./same-origin";

const STATE_CHANGING = new Set(["POST", "PUT", "PATCH", "DELETE"]);

export function refuseForeignPage(
  method: string,
  header: (name: string) => string | null,
  config: Pick<Config, "PUBLIC_URL" | "CORS_ORIGINS">,
): void {
  if (!STATE_CHANGING.has(method) || bearerFrom(header("authorization")) !== null) return;
  const ok = isSameOrigin({
    origin: header("origin"),
    secFetchSite: header("sec-fetch-site"),
    // X-Forwarded-Host is there only when a trusted proxy wrote it (server/http/http-edge.ts).
    hosts: [header("host"), header("x-forwarded-host")],
    allowedOrigins: [...(config.PUBLIC_URL ? [config.PUBLIC_URL] : []), ...(config.CORS_ORIGINS ?? [])],
  });
  if (!ok) throw new AppError("forbidden", "cross-origin request refused: use a bearer token");
}
