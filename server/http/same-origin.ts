// Is a browser request coming from the app's own pages? The rule against cross-site request
// forgery and cross-site WebSocket hijacking, shared by the HTTP edge (server/http/route.ts) and
// the Socket.IO handshake (server/realtime/chat-server.ts). It matters only for requests that a
// browser authenticates on its own (the session cookie): a bearer token is never sent by a page
// of another site unless that page holds it, so token requests may come from anywhere.
// No Node imports: pure, unit-tested.

export interface RequestOrigin {
  /** The `Origin` header: absent, the opaque "null", or `scheme://host[:port]`. */
  origin?: string | null;
  /** `Sec-Fetch-Site`: what the browser says when it sent no `Origin`. */
  secFetchSite?: string | null;
  /** The hosts this request was addressed to: `Host`, and `X-Forwarded-Host` only from a trusted proxy. */
  hosts: ReadonlyArray<string | null | undefined>;
  /** Origins configured as the app's own or as allowed: PUBLIC_URL and CORS_ORIGINS. */
  allowedOrigins: ReadonlyArray<string>;
}

/**
 * True when the request comes from the app's own origin (its Host, or PUBLIC_URL) or from one of
 * the configured origins. Browsers send `Origin` on every cross-origin request and on every
 * non-GET request; when it is missing, only `Sec-Fetch-Site: cross-site` marks a foreign page
 * (non-browser clients send neither).
 */
export function isSameOrigin(r: RequestOrigin): boolean {
  if (!r.origin) return r.secFetchSite?.toLowerCase() !== "cross-site";
  const origin = parseOrigin(r.origin);
  if (!origin) return false; // "null" (sandboxed frames, privacy redirects) or garbage
  if (r.allowedOrigins.some((a) => parseOrigin(a)?.origin === origin.origin)) return true;
  // The scheme is not compared: behind a TLS-terminating proxy the page is https while this
  // process sees plain http; the host (and port) are what a foreign site cannot take.
  return r.hosts.some((h) => !!h && normalizeHost(h, origin.protocol) === origin.host);
}

function parseOrigin(value: string): URL | null {
  try {
    const u = new URL(value);
    return u.protocol === "http:" || u.protocol === "https:" ? u : null;
  } catch {
    return null;
  }
}

/** `Host` as URL.host writes it: lower case, without the scheme's default port. */
function normalizeHost(host: string, protocol: string): string {
  const h = host.trim().toLowerCase().split(",")[0]!.trim();
  const defaultPort = protocol === "https:" ? ":443" : ":80";
  return h.endsWith(defaultPort) ? h.slice(0, -defaultPort.length) : h;
}
