// Display nodes of a body, with the markdown parser loaded only when some body needs it
// (plain-format.ts). Until it has loaded, such a body shows as plain paragraphs; components using
// useFormattedBody re-render once it is there.
import { useEffect, useMemo, useSyncExternalStore } from "react";
import type { FormatNode } from "./format-nodes";
import { needsParser, plainNodes } from "./plain-format";

type Parser = typeof import("./message-format");
let parser: Parser | null = null;
let loading: Promise<void> | null = null;
const listeners = new Set<() => void>();

function loadParser(): void {
  loading ??= import("./message-format").then(
    (m) => {
      parser = m;
      for (const l of listeners) l();
    },
    () => {
      loading = null; // offline or a new deployment: the next body that needs it asks again
    },
  );
}

const subscribe = (l: () => void) => {
  listeners.add(l);
  return () => listeners.delete(l);
};

/** The nodes as they can be shown now: formatted when the parser is here (or not needed). */
export function formatNow(body: string): FormatNode[] {
  if (!needsParser(body)) return plainNodes(body);
  if (parser) return parser.formatBody(body);
  loadParser();
  return plainNodes(body);
}

/** formatNow as a hook: formatted once the parser has loaded. */
export function useFormattedBody(body: string): FormatNode[] {
  const ready = useSyncExternalStore(subscribe, () => parser !== null, () => false);
  const needs = needsParser(body);
  useEffect(() => {
    if (needs && !ready) loadParser();
  }, [needs, ready]);
  return useMemo(() => formatNow(body), [body, ready]); // eslint-disable-line react-hooks/exhaustive-deps
}
