// A dns.lookup for outgoing connections that must only reach the public internet (push
// services): it resolves as usual and fails the connection when any address the name has is
// not public. Used as an https.Agent's `lookup`, the check happens at connect time, on the very
// addresses connected to, so a name that resolved to a public address when it was saved and to
// a private one now (DNS rebinding) is still refused.
import dns, { type LookupAddress } from "node:dns";
import type { LookupFunction } from "node:net";
import { isPublicAddress } from "./ip-ranges";

type AllLookup = (hostname: string, options: dns.LookupAllOptions, cb: (err: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void) => void;

export class NotPublicAddressError extends Error {
  readonly code = "ENOTPUBLIC";
  constructor(host: string, address: string) {
    super(`refused to connect to ${host}: it resolves to ${address}, which is not a public address`);
    this.name = "NotPublicAddressError";
  }
}

export function publicOnlyLookup(base: AllLookup = dns.lookup as AllLookup): LookupFunction {
  return (hostname, options, callback) => {
    base(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, "", 4);
      const bad = addresses.find((a) => !isPublicAddress(a.address));
      const first = addresses[0];
      if (bad || !first) return callback(new NotPublicAddressError(hostname, bad?.address ?? "nothing"), "", 4);
      // net asks for every address (all: true) when it races IPv4 and IPv6 (autoSelectFamily).
      if (options.all) (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
      else callback(null, first.address, first.family);
    });
  };
}
