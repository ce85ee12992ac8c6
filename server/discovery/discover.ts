// Which chat server a client should open its socket on. With one node it is the origin the
// client already reached (or PUBLIC_URL when set behind a proxy). Several nodes (step 5) will
// register themselves with their load and this picks the least loaded live one.
export function discoverSocketUrl(publicUrl: string | undefined, headers: Headers, fallbackOrigin: string): string {
  if (publicUrl) return publicUrl.replace(/\/$/, "");
  const host = headers.get("x-forwarded-host") ?? headers.get("host");
  if (!host || !/^[\w.-]+(:\d+)?$|^\[[\d:a-f]+\](:\d+)?$/i.test(host)) return fallbackOrigin;
  const proto = headers.get("x-forwarded-proto") === "https" ? "https" : new URL(fallbackOrigin).protocol.replace(":", "");
  return `${proto}://${host}`;
}
