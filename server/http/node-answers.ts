// Answers written on the Node response itself, for the routes the app's HTTP server answers before
// Next (health, discovery, files, the edge's refusals): the protocol's JSON shapes, never cached.
import type http from "node:http";
import { isAppError, toErrorBody } from "../errors";
import type { Logger } from "../log";

export function sendJson(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { "Content-Type": "application/json", "Cache-Control": "no-store", ...headers }).end(JSON.stringify(body));
}

/** `{error: {code, message}}` with the status of an AppError's code; anything else is logged and answered 500 internal. */
export function sendFailure(res: http.ServerResponse, err: unknown, log: Logger, url: string | undefined, headers: Record<string, string> = {}): void {
  const { status, ...error } = toErrorBody(err, (e) => log.error({ err: e, url }, "request failed"));
  sendJson(res, status, { error }, { ...(isAppError(err) ? err.headers : {}), ...headers });
}
