"use client";
import { usePathname } from "next/navigation";
import { useMemo } from "react";

/**
 * The conversation (and permalinked message) the address bar points at: `/c/:id` or `/c/:id/m/:seq`.
 * Read from the address rather than the route's params: offline, the service worker may answer
 * with the kept page of another conversation (the app shell), and the address is what was asked for.
 */
export function useOpenAddress(): { channelId?: string; seq?: string } {
  const pathname = usePathname();
  return useMemo(() => {
    const m = /^\/c\/([^/]+)(?:\/m\/([^/]+))?\/?$/.exec(pathname ?? "");
    if (!m) return {};
    let channelId: string;
    try {
      channelId = decodeURIComponent(m[1]!);
    } catch {
      channelId = m[1]!;
    }
    return { channelId, seq: m[2] };
  }, [pathname]);
}
