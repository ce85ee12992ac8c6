// The client's address, for per-address limits. It is the TCP peer of the request, unless that
// peer is a reverse proxy listed in TRUSTED_PROXIES: then X-Forwarded-For is read from the right,
// past every trusted hop, to the first address no trusted proxy vouches for. Anything a client
// writes into X-Forwarded-For itself stays to the left of that and is never believed.
//
// Next builds a Web Request without the socket, so the app's HTTP server runs each request
// inside `runWithPeer` (an AsyncLocalStorage under a process-wide symbol, like server/runtime.ts).
import { AsyncLocalStorage } from "node:async_hooks";
import { parseAddress, rangeMatcher } from "../net/ip-ranges";
import { getRuntime } from "../runtime";

const SLOT = Symbol.for("chat.request-peer");
type Slot = { [SLOT]?: AsyncLocalStorage<string> };

function scope(): AsyncLocalStorage<string> {
  return ((globalThis as Slot)[SLOT] ??= new AsyncLocalStorage<string>());
}

/** Runs `fn` (one HTTP request, to its end) knowing the socket's remote address. */
export function runWithPeer<T>(remoteAddress: string | undefined, fn: () => T): T {
  return scope().run(remoteAddress ?? "", fn);
}

/** The calling client's address as this deployment can know it ("unknown" when it cannot). */
export function clientIp(req: Request): string {
  return resolveClientIp(scope().getStore() ?? "", req.headers.get("x-forwarded-for"), getRuntime().config.TRUSTED_PROXIES);
}

export function resolveClientIp(peer: string, forwardedFor: string | null, trustedProxies: readonly string[]): string {
  const trusted = rangeMatcher(trustedProxies);
  let ip = normalize(peer);
  if (!ip) return "unknown";
  if (!forwardedFor) return ip;
  const hops = forwardedFor.split(",").map((h) => h.trim()).filter(Boolean);
  while (trusted(ip)) {
    const next = hops.pop();
    const parsed = next === undefined ? null : normalize(next);
    // A trusted proxy that forwarded junk (or nothing more): the proxy is the last thing known.
    if (!parsed) break;
    ip = parsed;
  }
  return ip;
}

/** The address in canonical text (IPv4-mapped IPv6 as IPv4), or "" when it is none. */
function normalize(text: string): string {
  return parseAddress(text)?.toString() ?? "";
}
