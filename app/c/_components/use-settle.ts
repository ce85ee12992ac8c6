"use client";
import { type RefObject, useCallback, useRef } from "react";
import type { VirtuosoHandle } from "react-virtuoso";

/** How long after opening the list checks its place every frame (rows are measured meanwhile). */
const WATCH_MS = 1500;
const INPUT = ["wheel", "touchstart", "keydown", "pointerdown"] as const;

/**
 * Holds a new list at its opening place until the reader moves it: the bottom for the newest
 * messages, the permalink's message for a permalink. A virtualised list first places rows at
 * estimated heights; their real heights, and pages loaded above or below meanwhile, move what is
 * in view, so the place is corrected (each frame for a moment, then whenever the list's height
 * changes) until the reader scrolls, touches, clicks or types in the log.
 */
export function useSettle(list: RefObject<VirtuosoHandle | null>, anchorSeq: number | null, anchorIndex: () => number) {
  const holding = useRef(false);
  const scroller = useRef<HTMLElement | null>(null);

  const correct = useCallback(() => {
    const el = scroller.current;
    if (!holding.current || !el?.isConnected || inPlace(el, anchorSeq)) return;
    const index = anchorSeq === null ? "LAST" : anchorIndex();
    if (index === "LAST" || index >= 0) list.current?.scrollToIndex({ index, align: anchorSeq === null ? "end" : "center" });
  }, [list, anchorSeq, anchorIndex]);

  const onScroller = useCallback(
    (el: HTMLElement | Window | null) => {
      // A new list (another key) is held anew.
      holding.current = el instanceof HTMLElement;
      scroller.current = el instanceof HTMLElement ? el : null;
      if (!(el instanceof HTMLElement)) return;
      const release = () => {
        if (scroller.current === el) holding.current = false;
      };
      for (const type of INPUT) el.addEventListener(type, release, { once: true, passive: true });
      const started = performance.now();
      const step = () => {
        if (!holding.current || scroller.current !== el) return;
        correct();
        if (performance.now() - started < WATCH_MS) requestAnimationFrame(step);
      };
      requestAnimationFrame(step);
    },
    [correct],
  );

  /** The list's height changed (rows measured, a page added): back to the place if still held. */
  const onHeightChanged = useCallback(() => requestAnimationFrame(correct), [correct]);

  /** The list is being moved on purpose (Jump to latest): it holds no place any more. */
  const release = useCallback(() => {
    holding.current = false;
  }, []);

  return { onScroller, onHeightChanged, release };
}

function inPlace(el: HTMLElement, anchorSeq: number | null): boolean {
  if (anchorSeq === null) return el.scrollHeight - el.scrollTop - el.clientHeight <= 1;
  const row = el.querySelector<HTMLElement>(`[data-seq="${anchorSeq}"]`);
  if (!row) return false;
  const r = row.getBoundingClientRect();
  const box = el.getBoundingClientRect();
  // Wholly in view, or filling it (a very tall message).
  return (r.top >= box.top - 1 && r.bottom <= box.bottom + 1) || (r.top <= box.top && r.bottom >= box.bottom);
}
