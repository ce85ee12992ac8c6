// Auth.js answers a request it cannot parse (an unknown action, a malformed callback) with a
// bare `400 "Bad request."`. Its routes live under /api, so they answer the protocol's error
// shape like every other API route; its redirects and successful answers pass unchanged.
import type { ErrorBody } from "../../lib/contract/errors";

export function withProtocolErrors<R extends Request>(handler: (req: R) => Promise<Response>): (req: R) => Promise<Response> {
  return async (req: R) => {
    const res = await handler(req);
    if (res.status !== 400) return res;
    const text = await res.clone().text();
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = text;
    }
    if (typeof parsed === "object" && parsed !== null && "error" in parsed) return res;
    const message = typeof parsed === "string" && parsed.trim() ? parsed.trim() : "bad request";
    const error: ErrorBody = { code: "invalid", message };
    const headers = new Headers(res.headers);
    headers.delete("content-length");
    headers.set("content-type", "application/json");
    return new Response(JSON.stringify({ error }), { status: 400, headers });
  };
}
