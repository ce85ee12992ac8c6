import { describe, expect, it } from "vitest";
import { resolveClientIp } from "./client-ip";

describe("resolveClientIp", () => {
  it("is the socket's peer when no proxy is trusted, whatever X-Forwarded-For says", () => {
    expect(resolveClientIp("203.0.113.9", null, [])).toBe("203.0.113.9");
    expect(resolveClientIp("203.0.113.9", "198.51.100.1", [])).toBe("203.0.113.9");
    expect(resolveClientIp("::ffff:127.0.0.1", "198.51.100.1", [])).toBe("127.0.0.1");
  });

  it("believes X-Forwarded-For only from trusted proxies, read from the right", () => {
    const trusted = ["10.0.0.0/8"];
    expect(resolveClientIp("10.0.0.2", "198.51.100.1", trusted)).toBe("198.51.100.1");
    // The client prepended a fake address; the proxy appended the real one.
    expect(resolveClientIp("10.0.0.2", "1.2.3.4, 198.51.100.1", trusted)).toBe("198.51.100.1");
    // Two trusted hops.
    expect(resolveClientIp("10.0.0.2", "1.2.3.4, 198.51.100.1, 10.0.0.7", trusted)).toBe("198.51.100.1");
    // A peer that is not trusted cannot speak for anyone.
    expect(resolveClientIp("198.51.100.50", "1.2.3.4", trusted)).toBe("198.51.100.50");
  });

  it("stops at junk or at the end of the list", () => {
    const trusted = ["10.0.0.0/8"];
    expect(resolveClientIp("10.0.0.2", "not-an-ip", trusted)).toBe("10.0.0.2");
    expect(resolveClientIp("10.0.0.2", "10.0.0.3", trusted)).toBe("10.0.0.3");
    expect(resolveClientIp("", "1.2.3.4", trusted)).toBe("unknown");
  });
});
