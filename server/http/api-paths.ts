// Which methods the route map (lib/contract/http.ts) serves at a path. The map lists every API
// route, so a path it does not know is not ours: the app's HTTP server answers 404/405 in the
// protocol's error shape before Next would answer with its HTML page or a bare 405.
import { type HttpMethod, httpRoutes, type RouteKey, splitRouteKey } from "../../lib/contract/http";

/** Auth.js's own routes: not in the map, served by app/api/auth/[...nextauth]. */
export const AUTH_PREFIX = "/api/auth";

const routes = (Object.keys(httpRoutes) as RouteKey[]).map((key) => {
  const { method, pattern } = splitRouteKey(key);
  return { method, segments: pattern.split("/").slice(1) };
});

/** The methods the map has for this path (raw, still percent-encoded); empty when it has none. */
export function methodsAt(pathname: string): HttpMethod[] {
  // Next redirects /api/x/ to /api/x: the same route.
  const segments = pathname.replace(/(.)\/$/, "$1").split("/").slice(1);
  const out = new Set<HttpMethod>();
  for (const r of routes) {
    if (r.segments.length !== segments.length) continue;
    if (r.segments.every((s, i) => (s.startsWith(":") ? segments[i] !== "" : s === segments[i]))) out.add(r.method);
  }
  return [...out];
}

/** The `Allow` header of a path: HEAD and OPTIONS come with every route. */
export function allowHeader(methods: ReadonlyArray<HttpMethod>): string {
  return [...methods, ...(methods.includes("GET") ? ["HEAD"] : []), "OPTIONS"].join(", ");
}

/** Whether every segment of a path decodes: `%` alone or `%FF` (not UTF-8) do not. */
export function decodesCleanly(pathname: string): boolean {
  try {
    for (const s of pathname.split("/")) decodeURIComponent(s);
    return true;
  } catch {
    return false;
  }
}
