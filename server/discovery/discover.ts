// Which chat server a client should open its socket on. Several nodes: the live one with a public
// URL that has the fewest clients, counting those handed out since its last heartbeat (a burst
// of reconnects after a crash spreads instead of herding onto one node). One node (or nodes
// behind one load balancer address): the origin the client already reached, or PUBLIC_URL when
// set behind a proxy. X-Forwarded-Host/-Proto reach this code only from a proxy listed in
// TRUSTED_PROXIES: the app's HTTP server drops them from anyone else (server/http/http-edge.ts),
// so a client cannot make discovery name another host.
//
// A node killed outright stays "live" until its heartbeat is NODE_TIMEOUT_MS old. A node whose
// heartbeat is late (older than 1.5 beats: it normally is never) is asked GET /healthz first, and
// skipped when it does not answer within PROBE_TIMEOUT_MS; a node on time is handed out unasked,
// so the usual cost of this is nothing.
import type { Db } from "../db/types";
import { assignNode, unassignNode } from "./node-registry";

/** How long a late node has to answer its /healthz. */
export const PROBE_TIMEOUT_MS = 300;
/** A heartbeat older than this many intervals makes its node suspect. */
export const SUSPECT_AFTER_BEATS = 1.5;

export interface DiscoverOptions {
  publicUrl?: string;
  liveWithinMs: number;
  heartbeatMs: number;
  /** Whether a node answers (tests replace it). */
  probe?: (url: string) => Promise<boolean>;
}

export async function discover(db: Db, opts: DiscoverOptions, headers: Headers, fallbackOrigin: string): Promise<string> {
  const probe = opts.probe ?? probeHealth;
  const dead: string[] = [];
  for (;;) {
    if ((noNodeUntil.get(db) ?? 0) > Date.now()) break;
    const node = await assignNode(db, opts.liveWithinMs, [...dead, ...knownDead.keys()]);
    if (!node) {
      // Nodes announce themselves once per heartbeat: until the next one, none can have appeared.
      if (dead.length === 0) noNodeUntil.set(db, Date.now() + opts.heartbeatMs);
      break;
    }
    if (node.ageMs <= SUSPECT_AFTER_BEATS * opts.heartbeatMs || (await probe(node.url))) return node.url;
    await unassignNode(db, node.id);
    dead.push(node.id);
    remember(node.id, opts.heartbeatMs);
  }
  // No live node answers (or this is a single-process install): the node answering this request is alive.
  return requestOrigin(opts.publicUrl, headers, fallbackOrigin);
}

// A single-process install (no node with a URL) asks the database once per heartbeat interval,
// not on every call (per database: tests run several apps in one process).
const noNodeUntil = new WeakMap<Db, number>();

// Nodes this process found dead lately: skipped without another probe for one heartbeat
// interval, so a burst of calls after a crash does not wait PROBE_TIMEOUT_MS each. Per process;
// a node that comes back is handed out again after that interval (or once its heartbeat is on
// time: it is then not suspect, so not probed).
const knownDead = new Map<string, ReturnType<typeof setTimeout>>();

function remember(id: string, ms: number): void {
  clearTimeout(knownDead.get(id));
  const t = setTimeout(() => knownDead.delete(id), ms);
  t.unref();
  knownDead.set(id, t);
}

export async function probeHealth(url: string): Promise<boolean> {
  try {
    const res = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(PROBE_TIMEOUT_MS), redirect: "manual" });
    await res.body?.cancel();
    return res.ok;
  } catch {
    return false;
  }
}

export function requestOrigin(publicUrl: string | undefined, headers: Headers, fallbackOrigin: string): string {
  if (publicUrl) return publicUrl.replace(/\/$/, "");
  const host = headers.get("x-forwarded-host") ?? headers.get("host");
  if (!host || !/^[\w.-]+(:\d+)?$|^\[[\d:a-f]+\](:\d+)?$/i.test(host)) return fallbackOrigin;
  const proto = headers.get("x-forwarded-proto") === "https" ? "https" : fallbackOrigin.startsWith("https:") ? "https" : "http";
  return `${proto}://${host}`;
}
