/** Decoration next to a presence shown in words (never the only sign): filled when online. */
export function PresenceDot({ online }: { online: boolean }) {
  return <span className="presence-dot" data-online={online ? "true" : "false"} aria-hidden="true" />;
}
