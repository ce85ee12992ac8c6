// What the app's HTTP server does to every request before Next.js sees it (server/app.ts):
// - drops X-Forwarded-* unless the peer is a trusted proxy (TRUSTED_PROXIES), so Next, Auth.js
//   and discovery only ever see forwarded headers a proxy of ours wrote;
// - sets the security headers (CSP with a fresh nonce, which Next reads from the request's own
//   Content-Security-Policy header to stamp its inline scripts);
// - answers malformed /api paths, unknown ones and unsupported methods in the protocol's error
//   shape (Next would answer a bare 500, its HTML 404 page, or an empty 405);
// - after an answer given before the body was read (413), discards what the client still sends,
//   briefly, so the answer reaches it instead of a reset and the connection does not stall.
import { randomBytes } from "node:crypto";
import type http from "node:http";
import type { ErrorCode } from "../../lib/contract/errors";
import type { Config } from "../config";
import { AUTH_PREFIX, allowHeader, decodesCleanly, methodsAt } from "./api-paths";
import { sendJson } from "./node-answers";
import { securityHeaders } from "./security-headers";
import { createProxyMatcher, FORWARDED_HEADERS, firstValue } from "./trusted-proxy";

export type HttpEdge = (req: http.IncomingMessage, res: http.ServerResponse) => boolean;

/** How much of an unread body is discarded, and for how long, before the connection is cut. */
const DRAIN_BYTES = 4 * 1024 * 1024;
const DRAIN_MS = 2_000;

/** Returns a function that prepares a request and answers it when it must not reach Next (true). */
export function createHttpEdge(config: Pick<Config, "TRUSTED_PROXIES" | "PUBLIC_URL" | "CORS_ORIGINS">, dev = false): HttpEdge {
  const trustedProxy = createProxyMatcher(config.TRUSTED_PROXIES);
  const publicHttps = config.PUBLIC_URL?.startsWith("https:") ?? false;
  const socketOrigins = [...(config.PUBLIC_URL ? [config.PUBLIC_URL] : []), ...(config.CORS_ORIGINS ?? [])];

  return (req, res) => {
    const trusted = trustedProxy(req.socket.remoteAddress);
    if (!trusted) for (const h of FORWARDED_HEADERS) delete req.headers[h];
    const https = publicHttps || (trusted && firstValue(req.headers["x-forwarded-proto"]) === "https");

    const nonce = freshNonce();
    const headers = securityHeaders({ nonce, socketOrigins, dev, https });
    for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
    // Next takes the nonce for its own scripts from here (and only from here: a client's own
    // header of that name is replaced).
    req.headers["content-security-policy"] = headers["Content-Security-Policy"];

    res.once("finish", () => {
      if (!req.complete) drain(req);
    });
    return answerApiEdge(req, res);
  };
}

// A synchronous randomBytes call costs tens of microseconds on its own (a crypto job per call,
// ≈ 50 µs on the bench machine), paid by every request, discovery included. The nonces come from
// one larger random block instead, 16 bytes each, never reused (as Node's randomUUID does).
const NONCE_BYTES = 16;
let randomBlock = Buffer.alloc(0);
let randomAt = 0;

function freshNonce(): string {
  if (randomAt + NONCE_BYTES > randomBlock.length) {
    randomBlock = randomBytes(NONCE_BYTES * 256);
    randomAt = 0;
  }
  randomAt += NONCE_BYTES;
  return randomBlock.toString("base64", randomAt - NONCE_BYTES, randomAt);
}

function answerApiEdge(req: http.IncomingMessage, res: http.ServerResponse): boolean {
  const pathname = (req.url ?? "/").split("?")[0]!;
  if (pathname !== "/api" && !pathname.startsWith("/api/")) return false;
  if (!decodesCleanly(pathname)) return sendError(res, 400, "invalid", "malformed percent-encoding in the path");
  if (pathname === AUTH_PREFIX || pathname.startsWith(`${AUTH_PREFIX}/`)) return false;
  const methods = methodsAt(pathname);
  if (methods.length === 0) return sendError(res, 404, "not_found", "no such API path");
  const method = (req.method ?? "GET").toUpperCase();
  if (method === "OPTIONS") {
    res.writeHead(204, { Allow: allowHeader(methods) }).end();
    return true;
  }
  if ((methods as string[]).includes(method) || (method === "HEAD" && methods.includes("GET"))) return false;
  return sendError(res, 405, "invalid", `${method} is not supported here`, { Allow: allowHeader(methods) });
}

function sendError(res: http.ServerResponse, status: number, code: ErrorCode, message: string, headers: Record<string, string> = {}): true {
  sendJson(res, status, { error: { code, message } }, headers);
  return true;
}

function drain(req: http.IncomingMessage): void {
  let seen = 0;
  const cut = () => req.socket.destroy();
  const timer = setTimeout(cut, DRAIN_MS);
  timer.unref();
  req.on("data", (chunk: Buffer) => {
    seen += chunk.length;
    if (seen > DRAIN_BYTES) cut();
  });
  req.once("end", () => clearTimeout(timer));
  req.once("close", () => clearTimeout(timer));
  req.resume();
}
