// Push endpoints are URLs chosen by clients: without care, "subscribing" http://169.254.169.254/
// or https://10.0.0.5/admin would make the server send requests inside its own network (SSRF).
// So an endpoint is accepted only as https on a host that resolves only to public addresses,
// and every send connects through an agent that checks the address again at connect time.
// PUSH_ALLOW_PRIVATE_ENDPOINTS turns both off, for tests against a local fake push service.
import dns from "node:dns";
import https from "node:https";
import { isIP } from "node:net";
import { AppError } from "../errors";
import { isPublicAddress } from "../net/ip-ranges";
import { publicOnlyLookup } from "../net/public-lookup";

export interface PushEgress {
  allowPrivate: boolean;
  /** For tests: an extra certificate authority push TLS trusts (a local fake push service). */
  ca?: Buffer | string;
}

type ResolveAll = (host: string) => Promise<Array<{ address: string }>>;
const resolveAll: ResolveAll = (host) => dns.promises.lookup(host, { all: true, verbatim: true });

/** Throws `invalid` unless the endpoint may receive pushes (on subscribing). */
export async function checkPushEndpoint(endpoint: string, egress: PushEgress, resolve: ResolveAll = resolveAll): Promise<void> {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw new AppError("invalid", "endpoint: not a URL");
  }
  if (url.protocol !== "https:") throw new AppError("invalid", "endpoint: must be https");
  if (url.username || url.password) throw new AppError("invalid", "endpoint: must not carry credentials");
  if (egress.allowPrivate) return;
  const host = bareHost(url);
  if (isIP(host)) {
    if (!isPublicAddress(host)) throw new AppError("invalid", "endpoint: must be a public address");
    return;
  }
  const addresses = await resolve(host).catch(() => []);
  if (addresses.length === 0) throw new AppError("invalid", "endpoint: its host does not resolve");
  if (addresses.some((a) => !isPublicAddress(a.address))) throw new AppError("invalid", "endpoint: must be a public address");
}

/**
 * Whether a stored endpoint may be contacted now. Names are checked by the agent's lookup when
 * connecting; an IP literal is never looked up, so it is checked here.
 */
export function mayContact(endpoint: string, egress: PushEgress): boolean {
  if (egress.allowPrivate) return true;
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    return false;
  }
  if (url.protocol !== "https:") return false;
  const host = bareHost(url);
  return !isIP(host) || isPublicAddress(host);
}

/** The agent every push request goes through. */
export function createPushAgent(egress: PushEgress): https.Agent {
  return new https.Agent({
    ...(egress.ca ? { ca: egress.ca } : {}),
    ...(egress.allowPrivate ? {} : { lookup: publicOnlyLookup() }),
  });
}

function bareHost(url: URL): string {
  return url.hostname.startsWith("[") ? url.hostname.slice(1, -1) : url.hostname;
}
