// The HTTP transport for Next route handlers: authenticate, read the body within limits, call one
// domain function, map AppError to the protocol's error shape. Handlers stay a few lines each.
import "server-only";
import { authenticate } from "../auth/authenticate";
import { AppError, isAppError, toErrorBody } from "../errors";
import { getRuntime, type Runtime } from "../runtime";

const MAX_BODY_BYTES = 64 * 1024;

export interface RouteContext {
  rt: Runtime;
  req: Request;
  /** Set when the route requires a signed-in caller. */
  userId: string;
  params: Record<string, string>;
  query: Record<string, string>;
  /** The parsed JSON body (undefined for GET). Validated by the domain's schema. */
  body: unknown;
}

type Result = Response | { status?: number; json: unknown };

export function route(
  run: (ctx: RouteContext) => Promise<Result>,
  opts: { auth?: boolean } = { auth: true },
) {
  return async (req: Request, segment?: { params?: Promise<Record<string, string | string[]>> }) => {
    let rt: Runtime | undefined;
    try {
      rt = getRuntime();
      const userId = opts.auth === false
        ? ""
        : await authenticate(rt.db, rt.authSecret, {
            authorization: req.headers.get("authorization"),
            cookie: req.headers.get("cookie"),
          });
      const rawParams = (await segment?.params) ?? {};
      const params = Object.fromEntries(Object.entries(rawParams).map(([k, v]) => [k, String(v)]));
      const query = Object.fromEntries(new URL(req.url).searchParams);
      // A body is read when one is sent; routes that need one get `invalid` from their schema.
      const sent = req.headers.has("content-type") || Number(req.headers.get("content-length") ?? 0) > 0;
      const body = req.method === "GET" || !sent ? undefined : await readJson(req);
      const out = await run({ rt, req, userId, params, query, body });
      if (out instanceof Response) return out;
      return Response.json(out.json, { status: out.status ?? 200 });
    } catch (err) {
      const { status, ...error } = toErrorBody(err, (e) =>
        rt ? rt.log.error({ err: e, url: req.url }, "request failed") : console.error(e),
      );
      return Response.json({ error }, { status, headers: isAppError(err) ? err.headers : {} });
    }
  };
}

async function readJson(req: Request): Promise<unknown> {
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
