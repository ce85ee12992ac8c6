// The security headers of every answer (pages, API routes, static files, Auth.js), set by the
// app's HTTP server before Next sees the request (server/app.ts). Pure: unit-tested.
//
// The Content-Security-Policy is the one the app really runs under: scripts only from its own
// origin plus the inline ones Next writes, which carry this request's nonce (Next reads the
// nonce from the request's own Content-Security-Policy header while rendering: every page must
// render per request, see app/layout.tsx). Style elements need 'self' or the nonce; style
// *attributes* (React's style={...}, e.g. an avatar's hue) cannot carry a nonce, so only they
// get 'unsafe-inline', through style-src-attr.

export interface CspOptions {
  nonce: string;
  /** Origins the page's socket may open besides its own: PUBLIC_URL and CORS_ORIGINS. */
  socketOrigins?: ReadonlyArray<string>;
  /** `next dev` needs eval (React's dev tooling) and unnonced styles (hot reload). */
  dev?: boolean;
  /** Served over https: ask browsers to upgrade stray http subresources. */
  https?: boolean;
}

export function contentSecurityPolicy(o: CspOptions): string {
  const nonce = `'nonce-${o.nonce}'`;
  const directives: Array<[string, ...string[]]> = [
    ["default-src", "'self'"],
    ["script-src", "'self'", nonce, ...(o.dev ? ["'unsafe-eval'"] : [])],
    ["style-src", "'self'", ...(o.dev ? ["'unsafe-inline'"] : [nonce])],
    ["style-src-attr", "'unsafe-inline'"],
    // Avatars and previews are data: and blob: URLs in places.
    ["img-src", "'self'", "data:", "blob:"],
    ["font-src", "'self'"],
    ["connect-src", "'self'", ...connectSources(o.socketOrigins ?? [])],
    ["worker-src", "'self'"],
    ["manifest-src", "'self'"],
    ["object-src", "'none'"],
    ["base-uri", "'self'"],
    ["form-action", "'self'"],
    ["frame-ancestors", "'none'"],
    ...(o.https ? ([["upgrade-insecure-requests"]] as Array<[string]>) : []),
  ];
  return directives.map((d) => d.join(" ")).join("; ");
}

/** Each origin and its WebSocket twin (http→ws, https→wss): Socket.IO uses both. */
export function connectSources(origins: ReadonlyArray<string>): string[] {
  const out = new Set<string>();
  for (const raw of origins) {
    let u: URL;
    try {
      u = new URL(raw);
    } catch {
      continue;
    }
    if (u.protocol !== "http:" && u.protocol !== "https:") continue;
    out.add(u.origin);
    out.add(`${u.protocol === "https:" ? "wss:" : "ws:"}//${u.host}`);
  }
  return [...out];
}

export interface SecurityHeaderOptions extends CspOptions {
  /** HSTS only when the browser really reached us over https (PUBLIC_URL, or a trusted proxy). */
  https: boolean;
}

export function securityHeaders(o: SecurityHeaderOptions): Record<string, string> {
  return {
    "Content-Security-Policy": contentSecurityPolicy(o),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    // Notifications are not a policy-controlled feature: push keeps working.
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    ...(o.https ? { "Strict-Transport-Security": "max-age=31536000; includeSubDomains" } : {}),
  };
}
