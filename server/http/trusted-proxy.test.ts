import { describe, expect, it } from "vitest";
import { createProxyMatcher, parseProxyEntry } from "./trusted-proxy";

describe("trusted proxies", () => {
  it("trusts nobody by default, loopback included", () => {
    const trusted = createProxyMatcher(undefined);
    expect(trusted("127.0.0.1")).toBe(false);
    expect(trusted("::1")).toBe(false);
  });

  it("matches single addresses and CIDR ranges, IPv4-mapped peers too", () => {
    const trusted = createProxyMatcher(["127.0.0.1", "10.0.0.0/8", "fd00::/8"]);
    expect(trusted("127.0.0.1")).toBe(true);
    expect(trusted("::ffff:127.0.0.1")).toBe(true);
    expect(trusted("10.20.30.40")).toBe(true);
    expect(trusted("fd12::1")).toBe(true);
    expect(trusted("127.0.0.2")).toBe(false);
    expect(trusted("11.0.0.1")).toBe(false);
    expect(trusted("::1")).toBe(false);
    expect(trusted(undefined)).toBe(false);
  });

  it("refuses entries that are not addresses or ranges", () => {
    for (const bad of ["", "localhost", "10.0.0.0/33", "10.0.0.0/x", "::1/129", "1.2.3"]) expect(parseProxyEntry(bad)).toBeNull();
    expect(parseProxyEntry("10.0.0.0/8")).toEqual({ address: "10.0.0.0", prefix: 8, family: "ipv4" });
  });
});
