import { describe, expect, it } from "vitest";
import { connectSources, contentSecurityPolicy, securityHeaders } from "./security-headers";

function directives(csp: string): Map<string, string[]> {
  return new Map(csp.split(";").map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name!, values]));
}

describe("contentSecurityPolicy", () => {
  it("allows scripts only from the app itself and with this request's nonce", () => {
    const d = directives(contentSecurityPolicy({ nonce: "abc123" }));
    expect(d.get("script-src")).toEqual(["'self'", "'nonce-abc123'"]);
    expect(d.get("style-src")).toEqual(["'self'", "'nonce-abc123'"]);
    expect(d.get("style-src-attr")).toEqual(["'unsafe-inline'"]);
    expect(d.get("default-src")).toEqual(["'self'"]);
    expect(d.get("object-src")).toEqual(["'none'"]);
    expect(d.get("frame-ancestors")).toEqual(["'none'"]);
    expect(d.get("base-uri")).toEqual(["'self'"]);
    expect(d.get("form-action")).toEqual(["'self'"]);
    expect(d.get("img-src")).toEqual(["'self'", "data:", "blob:"]);
    expect(d.get("worker-src")).toEqual(["'self'"]);
    expect(d.has("upgrade-insecure-requests")).toBe(false);
    expect([...d.values()].flat()).not.toContain("'unsafe-eval'");
  });

  it("lets the socket reach the configured origins, over http(s) and ws(s)", () => {
    const d = directives(contentSecurityPolicy({ nonce: "n", socketOrigins: ["https://chat1.example.com/", "http://10.0.0.5:3000", "nonsense"] }));
    expect(d.get("connect-src")).toEqual([
      "'self'",
      "https://chat1.example.com",
      "wss://chat1.example.com",
      "http://10.0.0.5:3000",
      "ws://10.0.0.5:3000",
    ]);
  });

  it("loosens scripts and styles only for next dev, and upgrades requests only over https", () => {
    const dev = directives(contentSecurityPolicy({ nonce: "n", dev: true }));
    expect(dev.get("script-src")).toContain("'unsafe-eval'");
    expect(dev.get("style-src")).toContain("'unsafe-inline'");
    expect(directives(contentSecurityPolicy({ nonce: "n", https: true })).has("upgrade-insecure-requests")).toBe(true);
  });

  it("dedupes origins", () => {
    expect(connectSources(["https://a.example", "https://a.example/x"])).toEqual(["https://a.example", "wss://a.example"]);
  });
});

describe("securityHeaders", () => {
  it("sends HSTS only over https", () => {
    const plain = securityHeaders({ nonce: "n", https: false });
    expect(plain["Strict-Transport-Security"]).toBeUndefined();
    expect(plain["X-Content-Type-Options"]).toBe("nosniff");
    expect(plain["Referrer-Policy"]).toBe("strict-origin-when-cross-origin");
    expect(plain["Permissions-Policy"]).toContain("camera=()");
    expect(securityHeaders({ nonce: "n", https: true })["Strict-Transport-Security"]).toMatch(/^max-age=\d+/);
  });
});
