// One log line per HTTP request (method, path, status, duration) carrying a request id: the
// caller's X-Request-Id when it looks like one (a proxy's), else a new one; echoed in the response.
// The request's own log lines (route handlers log through getRuntime().log) carry it too.
import { randomUUID } from "node:crypto";
import type http from "node:http";
import type { Logger } from "../log";

const acceptedId = /^[\w.:@/+=-]{1,128}$/;
// Probes, scrapes and static files: too many and too dull to log.
const quiet = (path: string) => path === "/healthz" || path === "/readyz" || path === "/metrics" || path.startsWith("/_next/static/");

/** Sets the request id header and returns the request's logger. */
export function logRequest(req: http.IncomingMessage, res: http.ServerResponse, log: Logger): Logger {
  const given = req.headers["x-request-id"];
  const reqId = typeof given === "string" && acceptedId.test(given) ? given : randomUUID();
  res.setHeader("X-Request-Id", reqId);
  const reqLog = log.child({ reqId });
  const path = (req.url ?? "/").split("?")[0]!;
  if (quiet(path)) return reqLog;
  const start = performance.now();
  res.once("close", () => {
    const ms = Math.round((performance.now() - start) * 10) / 10;
    // "close" also fires when the client went away before the answer: say so.
    const fields = { method: req.method, path, status: res.statusCode, ms, ...(res.writableFinished ? {} : { aborted: true }) };
    reqLog.info(fields, "request");
  });
  return reqLog;
}
