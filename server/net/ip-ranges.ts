// IP address classification (ipaddr.js): which addresses are on the public internet, whether an
// address is in a list of ranges, and the key a per-address limit counts under.
import ipaddr from "ipaddr.js";

type Address = ipaddr.IPv4 | ipaddr.IPv6;

/** Parses an address as a socket or URL gives it: `[::1]`, `::ffff:10.0.0.1`, `0x7f.1` all parse. */
export function parseAddress(text: string): Address | null {
  const bare = text.startsWith("[") && text.endsWith("]") ? text.slice(1, -1) : text;
  // A zone index (fe80::1%eth0) names a local interface: never public, and ipaddr cannot parse it.
  if (bare.includes("%")) return null;
  try {
    // process() turns IPv4-mapped IPv6 (::ffff:a.b.c.d) into the IPv4 address it carries.
    return ipaddr.process(bare);
  } catch {
    return null;
  }
}

// IPv6 on the public internet is 2000::/3 (global unicast); everything else (::/96 "IPv4-
// compatible", fc00::/7, fe80::/10, ff00::/8, ...) is local, special or unassigned.
const GLOBAL_UNICAST_V6 = ipaddr.parseCIDR("2000::/3") as [ipaddr.IPv6, number];

/**
 * True only for a routable public unicast address. Refused: loopback, private (10/8, 172.16/12,
 * 192.168/16, fc00::/7), link-local (169.254/16 with the cloud metadata address, fe80::/10),
 * CGNAT 100.64/10, unspecified, broadcast, multicast, reserved and documentation ranges, and
 * IPv6 forms that embed an IPv4 address (IPv4-mapped is judged as the IPv4 it carries; NAT64,
 * 6to4 and Teredo are refused outright, since they can reach private IPv4 through a gateway).
 */
export function isPublicAddress(text: string): boolean {
  const addr = parseAddress(text);
  if (!addr) return false;
  if (addr.kind() === "ipv4") return addr.range() === "unicast";
  const v6 = addr as ipaddr.IPv6;
  return v6.match(GLOBAL_UNICAST_V6) && v6.range() === "unicast";
}

export function isIpOrCidr(text: string): boolean {
  return parseRange(text) !== null;
}

type Range = [Address, number];

function parseRange(text: string): Range | null {
  try {
    if (text.includes("/")) {
      const [addr, bits] = ipaddr.parseCIDR(text);
      return addr.kind() === "ipv6" && (addr as ipaddr.IPv6).isIPv4MappedAddress()
        ? [(addr as ipaddr.IPv6).toIPv4Address(), Math.max(0, bits - 96)]
        : [addr, bits];
    }
    const addr = parseAddress(text);
    return addr ? [addr, addr.kind() === "ipv4" ? 32 : 128] : null;
  } catch {
    return null;
  }
}

/** A matcher for a list of IPs and CIDR ranges (TRUSTED_PROXIES). */
export function rangeMatcher(list: readonly string[]): (address: string) => boolean {
  const ranges = list.map(parseRange).filter((r): r is Range => r !== null);
  return (address) => {
    const addr = parseAddress(address);
    if (!addr) return false;
    return ranges.some(([net, bits]) => net.kind() === addr.kind() && addr.match(net as never, bits));
  };
}

/**
 * The key a per-address limit counts under: the IPv4 address, or the /64 of an IPv6 one (one
 * customer's network; counting single IPv6 addresses would let anyone step around the limit).
 */
export function addressKey(text: string): string {
  const addr = parseAddress(text);
  if (!addr) return text || "unknown";
  if (addr.kind() === "ipv4") return addr.toString();
  const parts = (addr as ipaddr.IPv6).parts.slice(0, 4).map((p) => p.toString(16));
  return `${parts.join(":")}::/64`;
}
