// GET /api/discovery, answered by the app's HTTP server before Next (server/app.ts): every client
// asks it before each connect, so a reconnect herd after a node's crash is mostly this route.
// Through Next it cost a route handler, a Web Request and gzip of a 40-byte answer on each call
// (docs/performance.md, S3). The edge (server/http/http-edge.ts) has set the security headers,
// dropped untrusted X-Forwarded-* and refused other methods already; the map marks it `auth: false`.
import type http from "node:http";
import type { AppServices } from "../app-services";
import type { Logger } from "../log";
import { sendFailure, sendJson } from "../http/node-answers";
import { discover } from "./discover";

export const DISCOVERY_PATH = "/api/discovery";

/** Answers the request when it is discovery (true). */
export function handleDiscoveryRequest(req: http.IncomingMessage, res: http.ServerResponse, services: AppServices, log: Logger): boolean {
  const pathname = (req.url ?? "/").split("?")[0]!;
  if (pathname !== DISCOVERY_PATH && pathname !== `${DISCOVERY_PATH}/`) return false;
  const headers = new Headers();
  for (const name of ["host", "x-forwarded-host", "x-forwarded-proto"]) {
    const v = req.headers[name];
    if (typeof v === "string") headers.set(name, v);
  }
  const { config } = services;
  discover(
    services.db,
    { publicUrl: config.PUBLIC_URL, liveWithinMs: config.NODE_TIMEOUT_MS, heartbeatMs: config.NODE_HEARTBEAT_MS },
    headers,
    // Only when the Host header is missing or malformed (discover.ts checks it).
    `http://localhost:${req.socket.localPort}`,
  ).then(
    (url) => sendJson(res, 200, { url }),
    (err: unknown) => sendFailure(res, err, log, req.url),
  );
  return true;
}
