// The transport edge against a real server: same-origin rules for cookie callers (HTTP and
// Socket.IO handshake), security headers, and malformed requests answered in the protocol's
// error shape. Raw node:http where fetch would hide or forbid what is tested.
import http from "node:http";
import { io } from "socket.io-client";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { browserLogin } from "../support/session-cookie";
import {
  api,
  call,
  type ClientSocket,
  closeAllDevices,
  connectDevice,
  signUp,
  startTestServer,
  type TestServer,
  type TestUser,
} from "../support/test-server";

const FOREIGN = "http://evil.example";
let srv: TestServer;
/** Behind a trusted proxy (127.0.0.1), with a configured extra origin. */
let proxied: TestServer;
let ada: TestUser;
let bob: TestUser;
let cookie: string;

beforeAll(async () => {
  // Two apps in one process share Auth.js's secret (server/app.ts).
  const AUTH_SECRET = "edge-test-secret-".padEnd(40, "x");
  [srv, proxied] = await Promise.all([
    startTestServer({ AUTH_SECRET }),
    startTestServer({ AUTH_SECRET, TRUSTED_PROXIES: "127.0.0.1,::1", CORS_ORIGINS: "https://app.example" }),
  ]);
  ada = await signUp(srv, "Ada");
  bob = await signUp(srv, "Bob");
  const c = await browserLogin(srv, ada.email, "correct horse battery");
  if (!c) throw new Error("no session cookie");
  cookie = c;
});
afterEach(() => closeAllDevices());
afterAll(async () => {
  await srv?.stop();
  await proxied?.stop();
});

/** One raw request; `body` as chunks is sent chunked. */
function request(
  base: string,
  method: string,
  path: string,
  opts: { headers?: Record<string, string>; body?: string | Buffer[]; agent?: http.Agent } = {},
): Promise<{ status: number; headers: http.IncomingHttpHeaders; text: string; json: any }> {
  return new Promise((resolve, reject) => {
    const req = http.request(new URL(path, base), { method, headers: opts.headers, agent: opts.agent }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (d) => (text += d));
      res.on("end", () => {
        let json: unknown;
        try {
          json = JSON.parse(text);
        } catch {
          json = undefined;
        }
        resolve({ status: res.statusCode!, headers: res.headers, text, json });
      });
    });
    req.on("error", reject);
    if (Array.isArray(opts.body)) for (const chunk of opts.body) req.write(chunk);
    else if (opts.body !== undefined) req.write(opts.body);
    req.end();
  });
}

function handshake(target: TestServer, auth: { token?: string; cookie?: string }, origin?: string): Promise<ClientSocket> {
  const headers: Record<string, string> = {};
  if (auth.cookie) headers.cookie = auth.cookie;
  if (origin) headers.origin = origin;
  const s: ClientSocket = io(target.url, {
    auth: auth.token ? { token: auth.token } : {},
    extraHeaders: headers,
    transports: ["websocket"],
    reconnection: false,
    forceNew: true,
  });
  return new Promise((resolve, reject) => {
    s.once("connect", () => resolve(s));
    s.once("connect_error", (err) => {
      s.close();
      reject(err);
    });
  }).finally(() => setTimeout(() => s.connected && s.disconnect(), 2000)) as Promise<ClientSocket>;
}

describe("same origin: Socket.IO handshake", () => {
  it("refuses a cookie handshake from a foreign Origin with connect_error", async () => {
    await expect(handshake(srv, { cookie }, FOREIGN)).rejects.toThrow("forbidden");
    await expect(handshake(srv, { cookie }, "null")).rejects.toThrow("forbidden");
  });

  it("accepts a cookie handshake from the app's own origin and from CORS_ORIGINS", async () => {
    const s = await handshake(srv, { cookie }, srv.url);
    expect(s.connected).toBe(true);
    s.disconnect();
    const elsewhere = await signUp(proxied, "Cora");
    const c = await browserLogin(proxied, elsewhere.email, "correct horse battery");
    const t = await handshake(proxied, { cookie: c! }, "https://app.example");
    expect(t.connected).toBe(true);
    t.disconnect();
  });

  it("accepts a token handshake from any origin", async () => {
    const s = await handshake(srv, { token: ada.token }, FOREIGN);
    expect(s.connected).toBe(true);
    s.disconnect();
  });
});

describe("same origin: HTTP", () => {
  const direct = () => ({ kind: "direct", memberIds: [bob.id] });

  it("refuses a cookie POST from a foreign Origin, or marked cross-site, with 403 forbidden", async () => {
    const foreign = await api(srv, "POST", "/api/channels", { body: direct(), headers: { cookie, origin: FOREIGN } });
    expect(foreign.status).toBe(403);
    expect(foreign.body.error.code).toBe("forbidden");
    const crossSite = await api(srv, "POST", "/api/channels", { body: direct(), headers: { cookie, "sec-fetch-site": "cross-site" } });
    expect(crossSite.status).toBe(403);
    const logoutAll = await api(srv, "POST", "/api/me/logout-all", { headers: { cookie, origin: FOREIGN } });
    expect(logoutAll.status).toBe(403);
    // The cookie still works: the refused call changed nothing.
    expect((await api(srv, "GET", "/api/me", { headers: { cookie } })).status).toBe(200);
  });

  it("accepts the same cookie POST from the app's own origin", async () => {
    const own = await api(srv, "POST", "/api/channels", { body: direct(), headers: { cookie, origin: srv.url, "sec-fetch-site": "same-origin" } });
    expect([200, 201]).toContain(own.status);
  });

  it("lets bearer-token clients call from anywhere", async () => {
    const r = await api(srv, "POST", "/api/channels", { token: ada.token, body: direct(), headers: { origin: FOREIGN, "sec-fetch-site": "cross-site" } });
    expect([200, 201]).toContain(r.status);
  });

  it("refuses a body that is not application/json with 400 invalid", async () => {
    for (const type of ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"]) {
      const r = await api(srv, "POST", "/api/channels", { token: ada.token, raw: JSON.stringify(direct()), headers: { "content-type": type } });
      expect(r.status, type).toBe(400);
      expect(r.body.error.code).toBe("invalid");
    }
    const ok = await api(srv, "POST", "/api/channels", {
      token: ada.token,
      raw: JSON.stringify(direct()),
      headers: { "content-type": "application/json; charset=utf-8" },
    });
    expect([200, 201]).toContain(ok.status);
  });
});

describe("security headers", () => {
  it("sends a nonce CSP the page's scripts carry, and the other headers, on a page", async () => {
    const page = await request(srv.url, "GET", "/login");
    expect(page.status).toBe(200);
    const csp = String(page.headers["content-security-policy"]);
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeTruthy();
    expect(csp).toMatch(/script-src 'self' 'nonce-[^']+';/);
    for (const d of ["frame-ancestors 'none'", "object-src 'none'", "base-uri 'self'", "form-action 'self'", "connect-src 'self'"]) expect(csp).toContain(d);
    const scripts = page.text.match(/<script\b[^>]*>/g) ?? [];
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
    expect(page.headers["x-content-type-options"]).toBe("nosniff");
    expect(page.headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
    expect(page.headers["permissions-policy"]).toContain("camera=()");
    expect(page.headers["strict-transport-security"]).toBeUndefined();
    // A fresh nonce per request.
    const again = await request(srv.url, "GET", "/login");
    expect(String(again.headers["content-security-policy"])).not.toContain(`'nonce-${nonce}'`);
  });

  it("sends them on an API route and on the 404 page too", async () => {
    for (const path of ["/api/discovery", "/no-such-page"]) {
      const r = await request(srv.url, "GET", path);
      expect(r.headers["content-security-policy"], path).toContain("default-src 'self'");
      expect(r.headers["x-content-type-options"]).toBe("nosniff");
    }
  });

  it("sends HSTS only over https: an X-Forwarded-Proto from anyone is not", async () => {
    const spoofed = await request(srv.url, "GET", "/api/discovery", { headers: { "x-forwarded-proto": "https" } });
    expect(spoofed.headers["strict-transport-security"]).toBeUndefined();
    const viaProxy = await request(proxied.url, "GET", "/api/discovery", { headers: { "x-forwarded-proto": "https" } });
    expect(viaProxy.headers["strict-transport-security"]).toMatch(/max-age=\d+/);
    expect((await request(proxied.url, "GET", "/api/discovery")).headers["strict-transport-security"]).toBeUndefined();
  });

  it("lets pages open sockets on the configured origins (connect-src)", async () => {
    const r = await request(proxied.url, "GET", "/login");
    expect(r.headers["content-security-policy"]).toContain("connect-src 'self' https://app.example wss://app.example");
  });
});

describe("malformed requests", () => {
  it("answers malformed percent-encoding in an API path with 400 invalid JSON", async () => {
    for (const path of ["/api/users/%FF", "/api/users/%", "/api/channels/%E2%82/messages"]) {
      const r = await request(srv.url, "GET", path, { headers: { authorization: `Bearer ${ada.token}` } });
      expect(r.status, path).toBe(400);
      expect(r.headers["content-type"]).toContain("application/json");
      expect(r.json.error.code).toBe("invalid");
    }
  });

  it("answers an unsupported method with 405, the error shape and Allow", async () => {
    const r = await request(srv.url, "PUT", "/api/discovery", { headers: { "content-type": "application/json" }, body: "{}" });
    expect(r.status).toBe(405);
    expect(r.json.error.code).toBe("invalid");
    expect(r.headers.allow).toBe("GET, HEAD, OPTIONS");
    const del = await request(srv.url, "DELETE", `/api/users/${bob.id}`, { headers: { authorization: `Bearer ${ada.token}` } });
    expect(del.status).toBe(405);
    expect(del.headers.allow).toBe("GET, HEAD, OPTIONS");
  });

  it("answers an unknown /api path with 404 not_found JSON, not the HTML page", async () => {
    for (const path of ["/api/nope", "/api", "/api/users/a/b"]) {
      const r = await request(srv.url, "GET", path);
      expect(r.status, path).toBe(404);
      expect(r.headers["content-type"]).toContain("application/json");
      expect(r.json.error.code).toBe("not_found");
    }
  });

  it("answers Auth.js's bad requests in the error shape", async () => {
    const r = await request(srv.url, "GET", "/api/auth/nope");
    expect(r.status).toBe(400);
    expect(r.json.error.code).toBe("invalid");
  });

  it("does not stall a keep-alive connection after refusing a 1 MB chunked body", async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const chunk = Buffer.alloc(64 * 1024, "x");
      const big = await request(srv.url, "POST", "/api/users", {
        agent,
        headers: { "content-type": "application/json" },
        body: Array.from({ length: 16 }, () => chunk),
      });
      expect(big.status).toBe(413);
      expect(big.json.error.code).toBe("too_large");
      const started = Date.now();
      const next = await request(srv.url, "GET", "/api/discovery", { agent });
      expect(next.status).toBe(200);
      expect(Date.now() - started).toBeLessThan(1500);
    } finally {
      agent.destroy();
    }
  });

  it("acks an unknown socket event with invalid", async () => {
    const s = await connectDevice(srv, { token: ada.token });
    const ack = await call(s, "no:such-event" as never, {});
    expect(ack).toEqual({ ok: false, error: { code: "invalid", message: expect.any(String) } });
    // Known events still answer as before.
    expect(await call(s, "heartbeat", {})).toEqual({ ok: true });
  });
});

describe("discovery behind proxies", () => {
  it("ignores X-Forwarded-Host/-Proto from a client that is not a trusted proxy", async () => {
    const r = await request(srv.url, "GET", "/api/discovery", { headers: { "x-forwarded-host": "evil.example", "x-forwarded-proto": "https" } });
    expect(r.json.url).toBe(srv.url);
    expect(r.json.url).not.toContain("evil");
  });

  it("believes them from a trusted proxy", async () => {
    const r = await request(proxied.url, "GET", "/api/discovery", { headers: { "x-forwarded-host": "chat.example", "x-forwarded-proto": "https" } });
    expect(r.json.url).toBe("https://chat.example");
  });
});
