// Which peers may speak for the client with X-Forwarded-Host / -Proto / -For: only the reverse
// proxies listed in TRUSTED_PROXIES (IPs or CIDRs; none by default, not even loopback). From
// anyone else these headers are whatever the client chose to write.
import net from "node:net";
import { rangeMatcher } from "../net/ip-ranges";

export type ProxyList = ReadonlyArray<string>;

/** Splits "ip[/bits]" and checks it; null when it is neither an IPv4 nor an IPv6 address or range. */
export function parseProxyEntry(entry: string): { address: string; prefix: number; family: "ipv4" | "ipv6" } | null {
  const [address = "", bits] = entry.trim().split("/");
  const v = net.isIP(address);
  if (!v) return null;
  const max = v === 4 ? 32 : 128;
  const prefix = bits === undefined ? max : Number(bits);
  if (!Number.isInteger(prefix) || prefix < 0 || prefix > max || (bits !== undefined && !/^\d+$/.test(bits))) return null;
  return { address, prefix, family: v === 4 ? "ipv4" : "ipv6" };
}

export function createProxyMatcher(list: ProxyList | undefined): (remoteAddress: string | undefined) => boolean {
  // The same matcher the per-address limits use (server/net/ip-ranges.ts): one reading of TRUSTED_PROXIES.
  if (!list?.length) return () => false;
  const trusted = rangeMatcher(list);
  return (remote) => !!remote && trusted(remote);
}

/** Headers a client may only send through a trusted proxy. */
export const FORWARDED_HEADERS = ["x-forwarded-host", "x-forwarded-proto", "x-forwarded-for", "x-forwarded-port", "forwarded"];

/** The first value of a forwarded header (proxies append theirs: "a, b"). */
export function firstValue(v: string | string[] | undefined | null): string | undefined {
  const s = Array.isArray(v) ? v[0] : v;
  return s?.split(",")[0]?.trim() || undefined;
}
