import { describe, expect, it } from "vitest";
import { addressKey, isIpOrCidr, isPublicAddress, rangeMatcher } from "./ip-ranges";

describe("isPublicAddress", () => {
  it.each([
    "8.8.8.8",
    "1.1.1.1",
    "93.184.216.34",
    "2606:4700:4700::1111",
    "[2a00:1450:4001:80b::200e]",
    "::ffff:8.8.8.8",
  ])("accepts the public address %s", (a) => expect(isPublicAddress(a)).toBe(true));

  it.each([
    ["loopback", "127.0.0.1"],
    ["loopback, elsewhere in 127/8", "127.1.2.3"],
    ["loopback in octal", "0177.0.0.1"],
    ["loopback as one number", "2130706433"],
    ["loopback in hex", "0x7f.1"],
    ["private 10/8", "10.0.0.5"],
    ["private 172.16/12", "172.16.0.1"],
    ["private 172.31", "172.31.255.254"],
    ["private 192.168/16", "192.168.1.1"],
    ["link-local / cloud metadata", "169.254.169.254"],
    ["CGNAT", "100.64.0.1"],
    ["CGNAT top", "100.127.255.254"],
    ["unspecified", "0.0.0.0"],
    ["this network", "0.1.2.3"],
    ["broadcast", "255.255.255.255"],
    ["multicast", "224.0.0.1"],
    ["documentation", "192.0.2.1"],
    ["benchmarking", "198.18.0.1"],
    ["IPv6 loopback", "::1"],
    ["IPv6 loopback in brackets", "[::1]"],
    ["IPv6 unspecified", "::"],
    ["unique local", "fc00::1"],
    ["unique local fd", "fd12:3456::1"],
    ["IPv6 link-local", "fe80::1"],
    ["IPv6 link-local with zone", "fe80::1%eth0"],
    ["IPv6 multicast", "ff02::1"],
    ["IPv4-mapped loopback", "::ffff:127.0.0.1"],
    ["IPv4-mapped loopback in hex", "::ffff:7f00:1"],
    ["IPv4-mapped private", "::ffff:10.0.0.1"],
    ["IPv4-mapped metadata", "[::ffff:169.254.169.254]"],
    ["IPv4-compatible loopback", "::127.0.0.1"],
    ["NAT64 of a private address", "64:ff9b::a00:1"],
    ["6to4 of a private address", "2002:a00:1::1"],
    ["IPv6 documentation", "2001:db8::1"],
    ["not an address", "example.com"],
    ["empty", ""],
  ])("refuses %s (%s)", (_what, a) => expect(isPublicAddress(a)).toBe(false));
});

describe("rangeMatcher", () => {
  it("matches single addresses and CIDR ranges, IPv4-mapped forms included", () => {
    const trusted = rangeMatcher(["10.0.0.0/8", "127.0.0.1", "fd00::/8"]);
    expect(trusted("10.1.2.3")).toBe(true);
    expect(trusted("::ffff:10.1.2.3")).toBe(true);
    expect(trusted("127.0.0.1")).toBe(true);
    expect(trusted("::ffff:127.0.0.1")).toBe(true);
    expect(trusted("127.0.0.2")).toBe(false);
    expect(trusted("fd00::5")).toBe(true);
    expect(trusted("2001:db8::1")).toBe(false);
    expect(trusted("junk")).toBe(false);
    expect(rangeMatcher([])("127.0.0.1")).toBe(false);
  });

  it("validates list entries", () => {
    expect(isIpOrCidr("10.0.0.0/8")).toBe(true);
    expect(isIpOrCidr("::1")).toBe(true);
    expect(isIpOrCidr("proxy.local")).toBe(false);
    expect(isIpOrCidr("10.0.0.0/33")).toBe(false);
  });
});

describe("addressKey", () => {
  it("counts IPv4 per address and IPv6 per /64", () => {
    expect(addressKey("203.0.113.7")).toBe("203.0.113.7");
    expect(addressKey("::ffff:203.0.113.7")).toBe("203.0.113.7");
    expect(addressKey("2001:db8:1:2:aaaa::1")).toBe(addressKey("2001:db8:1:2:bbbb::9"));
    expect(addressKey("2001:db8:1:2::1")).not.toBe(addressKey("2001:db8:1:3::1"));
  });
});
