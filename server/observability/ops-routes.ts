// GET /healthz, /readyz and /metrics, answered by the custom HTTP server before Next (no page
// bundle, no session): for load balancers, orchestrators and Prometheus, not for the chat clients.
import { timingSafeEqual } from "node:crypto";
import type http from "node:http";
import type { Readiness } from "./health";
import type { Metrics } from "./metrics";

export interface OpsDeps {
  readiness: Readiness;
  metrics: Metrics;
  /** When set, /metrics needs `Authorization: Bearer <token>`. */
  metricsToken?: string;
}

/** Answers the request if it is one of ours; false lets the caller pass it on. */
export function handleOpsRequest(req: http.IncomingMessage, res: http.ServerResponse, d: OpsDeps): boolean {
  const path = (req.url ?? "/").split("?")[0];
  if (path !== "/healthz" && path !== "/readyz" && path !== "/metrics") return false;
  if (req.method !== "GET" && req.method !== "HEAD") {
    res.writeHead(405, { allow: "GET, HEAD" }).end();
    return true;
  }
  const answer = (status: number, type: string, body: string) => {
    res.writeHead(status, { "content-type": type, "cache-control": "no-store" });
    res.end(req.method === "HEAD" ? undefined : body);
  };
  const fail = (err: unknown) => {
    if (!res.headersSent) answer(500, "text/plain", `error: ${(err as Error).message}\n`);
  };
  if (path === "/healthz") {
    answer(200, "application/json", JSON.stringify({ status: "ok" }));
  } else if (path === "/readyz") {
    d.readiness
      .check()
      .then(({ ready, checks }) =>
        answer(ready ? 200 : 503, "application/json", JSON.stringify({ status: ready ? "ready" : "unavailable", checks })),
      )
      .catch(fail);
  } else if (d.metricsToken && !bearerMatches(req.headers.authorization, d.metricsToken)) {
    res.writeHead(401, { "www-authenticate": 'Bearer realm="metrics"', "content-type": "text/plain" }).end("unauthorized\n");
  } else {
    d.metrics.registry
      .metrics()
      .then((text) => answer(200, d.metrics.registry.contentType, text))
      .catch(fail);
  }
  return true;
}

function bearerMatches(header: string | undefined, token: string): boolean {
  const m = /^Bearer (.+)$/i.exec(header ?? "");
  if (!m) return false;
  const a = Buffer.from(m[1]!);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}
