"use client";
import { useEffect } from "react";

/**
 * Next's app router announces page changes in a live region to which it gives role="alert".
 * A page then always has an (empty) alert besides its own, and "the reason in role alert"
 * (PROTOCOL.md) becomes ambiguous to screen readers and tests. Dropping the role keeps Next's
 * announcements (the region stays aria-live="assertive") and leaves role alert to the app.
 */
function quietRouteAnnouncer(): void {
  for (const host of document.getElementsByTagName("next-route-announcer")) {
    const region = host.shadowRoot?.firstElementChild;
    if (region?.getAttribute("role") === "alert") region.removeAttribute("role");
  }
}

export function RouteAnnouncer() {
  useEffect(() => {
    quietRouteAnnouncer();
    // Next creates its announcer in its own effect, which may run after this one.
    const watch = new MutationObserver(quietRouteAnnouncer);
    watch.observe(document.body, { childList: true });
    return () => watch.disconnect();
  }, []);
  return null;
}
