// Which chat server a client should open its socket on. Several nodes: the live one with a public
// URL that has the fewest clients, counting those handed out since its last heartbeat (a burst
// of reconnects after a crash spreads instead of herding onto one node). One node (or nodes
// behind one load balancer address): the origin the client already reached, or PUBLIC_URL when
// set behind a proxy. X-Forwarded-Host/-Proto reach this code only from a proxy listed in
// TRUSTED_PROXIES: the app's HTTP server drops them from anyone else (server/http/http-edge.ts),
// so a client cannot make discovery name another host.
import type { Db } from "../db/types";
import { assignNode } from "./node-registry";

export async function discover(
  db: Db,
  opts: { publicUrl?: string; liveWithinMs: number },
  headers: Headers,
  fallbackOrigin: string,
): Promise<string> {
  const best = await assignNode(db, opts.liveWithinMs);
  return best ?? requestOrigin(opts.publicUrl, headers, fallbackOrigin);
}

export function requestOrigin(publicUrl: string | undefined, headers: Headers, fallbackOrigin: string): string {
  if (publicUrl) return publicUrl.replace(/\/$/, "");
  const host = headers.get("x-forwarded-host") ?? headers.get("host");
  if (!host || !/^[\w.-]+(:\d+)?$|^\[[\d:a-f]+\](:\d+)?$/i.test(host)) return fallbackOrigin;
  const proto = headers.get("x-forwarded-proto") === "https" ? "https" : new URL(fallbackOrigin).protocol.replace(":", "");
  return `${proto}://${host}`;
}
