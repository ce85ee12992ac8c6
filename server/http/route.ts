// The HTTP transport for Next route handlers: refuse foreign pages, authenticate, parse the query
// and body with the schemas of lib/contract/http.ts, call one domain function, answer; AppError
// becomes the protocol's `{error: {code, message}}`. The route's key types its params, parsed
// input and answer.
import "server-only";
import type { z } from "zod";
import {
  httpRoutes,
  type RouteBody,
  type RouteKey,
  type RouteParams,
  type RouteQuery,
  type RouteResponse,
} from "../../lib/contract/http";
import { pathParam } from "../../lib/contract/schemas";
import { authenticate } from "../auth/authenticate";
import { AppError, isAppError, toErrorBody } from "../errors";
import { parseInput } from "../parse-input";
import { getRuntime as getServices, type Runtime as Services } from "../runtime";
import { refuseForeignPage } from "./foreign-page";

const MAX_BODY_BYTES = 64 * 1024;

export interface RouteContext<K extends RouteKey> {
  services: Services;
  req: Request;
  /** The authenticated caller; "" on routes the map marks `auth: false`. */
  userId: string;
  /** The session or token this request came through; "" on `auth: false` routes. */
  sessionId: string;
  /** Which credential that was: a browser's cookie or a bearer token; null on `auth: false` routes. */
  sessionKind: "browser" | "token" | null;
  params: RouteParams<K>;
  query: RouteQuery<K>;
  body: RouteBody<K>;
}

/** A JSON answer (200 unless told), or nothing for routes that answer 204 No Content. */
export type RouteResult<K extends RouteKey> = [RouteResponse<K>] extends [void]
  ? void
  : { status?: 200 | 201; json: RouteResponse<K> };

type NextSegment = { params?: Promise<Record<string, string | string[]>> };

export function route<K extends RouteKey>(key: K, run: (ctx: RouteContext<K>) => Promise<RouteResult<K>>) {
  const spec: { query?: z.ZodType; body?: z.ZodType; auth?: false; response: unknown } = httpRoutes[key];
  return async (req: Request, segment?: NextSegment): Promise<Response> => {
    let services: Services | undefined;
    try {
      services = getServices();
      refuseForeignPage(req.method, (h) => req.headers.get(h), services.config);
      const caller =
        spec.auth === false
          ? null
          : await authenticate(services.db, services.authSecret, {
              authorization: req.headers.get("authorization"),
              cookie: req.headers.get("cookie"),
              userAgent: req.headers.get("user-agent"),
            });
      const rawParams = (await segment?.params) ?? {};
      const params = Object.fromEntries(Object.entries(rawParams).map(([k, v]) => [k, parseParam(k, String(v))]));
      // A body is read whenever one is sent, so malformed JSON is refused on every route.
      const sent = req.headers.has("content-type") || Number(req.headers.get("content-length") ?? 0) > 0;
      const rawBody = req.method === "GET" || req.method === "HEAD" || !sent ? undefined : await readJson(req);
      const rawQuery = Object.fromEntries(new URL(req.url).searchParams);
      const query = spec.query ? parseInput(spec.query, rawQuery) : undefined;
      const body = spec.body ? parseInput(spec.body, rawBody) : undefined;
      const out = await run({
        services,
        req,
        userId: caller?.userId ?? "",
        sessionId: caller?.sessionId ?? "",
        sessionKind: caller?.kind ?? null,
        params: params as RouteParams<K>,
        query: query as RouteQuery<K>,
        body: body as RouteBody<K>,
      });
      if (!out) return new Response(null, { status: 204 });
      const { status = 200, json } = out as { status?: number; json: unknown };
      return Response.json(json, { status });
    } catch (err) {
      const { status, ...error } = toErrorBody(err, (e) =>
        services ? services.log.error({ err: e, url: req.url }, "request failed") : console.error(e),
      );
      const headers: Record<string, string> = isAppError(err) ? { ...err.headers } : {};
      // The rest of a refused body is never read: the connection is not reused for another request.
      if (status === 413) headers.connection = "close";
      return Response.json({ error }, { status, headers });
    }
  };
}

async function readJson(req: Request): Promise<unknown> {
  // A JSON body only: a form or text/plain body is what a foreign page can send without asking.
  const type = (req.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (type !== "application/json") throw new AppError("invalid", "the request body must be application/json");
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (declared > MAX_BODY_BYTES) throw new AppError("too_large", `request body over ${MAX_BODY_BYTES} bytes`);
  const text = await readLimited(req);
  if (text.trim() === "") throw new AppError("invalid", "request body must be JSON");
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError("invalid", "request body is not valid JSON");
  }
}

async function readLimited(req: Request): Promise<string> {
  if (!req.body) return "";
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_BODY_BYTES) {
      await reader.cancel().catch(() => {});
      throw new AppError("too_large", `request body over ${MAX_BODY_BYTES} bytes`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** A path's `:param` is input too: an id, with the rules of every string (no NUL, ...). */
function parseParam(name: string, value: string): string {
  const parsed = pathParam.safeParse(value);
  if (!parsed.success) throw new AppError("invalid", `${name}: ${parsed.error.issues[0]?.message ?? "invalid"}`);
  return parsed.data;
}
