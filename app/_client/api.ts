// JSON over HTTP to our own API, typed by the route map (lib/contract/http.ts), with the
// protocol's error shape ({error: {code, message}}) turned into an ApiError. The session cookie
// authenticates (same origin).
import type { ErrorCode } from "@/lib/contract/errors";
// Types only from the route map: its zod schemas stay on the server (lib/contract/route-keys.ts).
import type { BodyInput, QueryInput, RouteKey, RouteParams, RouteResponse } from "@/lib/contract/http";
import { fillPath, splitRouteKey } from "@/lib/contract/route-keys";

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode | "network",
    message: string,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

type Field<Name extends string, T> = [T] extends [never] ? { [N in Name]?: never } : { [N in Name]: T };
type ParamsField<K extends RouteKey> = keyof RouteParams<K> extends never ? { params?: never } : { params: RouteParams<K> };

/** What a call to route K takes: its path params, query and body, each only where the route has them. */
export type ApiRequest<K extends RouteKey> = ParamsField<K> &
  Partial<Field<"query", QueryInput<K>>> &
  Field<"body", BodyInput<K>>;

// A route with nothing to send can be called without the second argument.
type ApiArgs<K extends RouteKey> = {} extends ApiRequest<K> ? [req?: ApiRequest<K>] : [req: ApiRequest<K>];

/** Calls route K (e.g. `api("GET /api/channels/:id/messages", {params: {id}, query: {before: 5}})`). */
export async function api<K extends RouteKey>(key: K, ...[req]: ApiArgs<K>): Promise<RouteResponse<K>> {
  const { method, pattern } = splitRouteKey(key);
  const r = (req ?? {}) as { params?: Record<string, string>; query?: Record<string, string | number | undefined>; body?: unknown };
  const qs = new URLSearchParams();
  for (const [name, value] of Object.entries(r.query ?? {})) if (value !== undefined) qs.set(name, String(value));
  const search = qs.toString();
  const path = fillPath(pattern, r.params ?? {}) + (search ? `?${search}` : "");
  return (await request(method, path, r.body)) as RouteResponse<K>;
}

async function request(method: string, path: string, body?: unknown): Promise<unknown> {
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      credentials: "same-origin",
      headers: body === undefined ? { accept: "application/json" } : { accept: "application/json", "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, "network", "Cannot reach the server");
  }
  if (res.status === 204) return undefined;
  const data: unknown = await res.json().catch(() => undefined);
  if (!res.ok) {
    const err = (data as { error?: { code?: ErrorCode; message?: string } } | undefined)?.error;
    throw new ApiError(res.status, err?.code ?? "internal", err?.message ?? `Request failed (${res.status})`);
  }
  return data;
}
