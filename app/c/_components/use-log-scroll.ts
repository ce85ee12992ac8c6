"use client";
import { type RefObject, useCallback, useLayoutEffect, useRef, useState } from "react";
import type { LogItem } from "./message-log";

/** Closer than this to an edge of the log loads the next page there. */
const LOAD_MARGIN_PX = 600;
/** Closer than this to the bottom counts as being at the bottom (new messages keep it there). */
const PINNED_PX = 80;
/** Further than this from the bottom shows "Jump to latest". */
const AWAY_PX = 300;

interface Options {
  scroller: RefObject<HTMLDivElement | null>;
  items: readonly LogItem[];
  /** Anything else that changes the log's layout (loading notes at its edges). */
  layoutKey: string;
  /** The permalink's message: brought into view once when it is first shown. */
  anchorSeq: number | null;
  /** The log shows the newest message: staying at the bottom makes sense. */
  atEnd: boolean;
  nearStart: () => void;
  nearEnd: () => void;
}

/**
 * Where the log is scrolled. At the bottom it stays there as messages come; elsewhere the first
 * message in view keeps its place on screen whatever is added above or below it (older pages,
 * newer pages, live messages). The browser's own scroll anchoring is off for the log (CSS), so
 * the two never both adjust.
 */
export function useLogScroll({ scroller, items, layoutKey, anchorSeq, atEnd, nearStart, nearEnd }: Options) {
  const pinned = useRef(true);
  const keep = useRef<{ key: string; top: number } | null>(null);
  const bringIntoView = useRef<number | null>(null);
  const lastKey = useRef<string | undefined>(undefined);
  const atEndNow = useRef(atEnd);
  const edges = useRef({ nearStart, nearEnd });
  const [awayFromEnd, setAwayFromEnd] = useState(false);
  atEndNow.current = atEnd;
  edges.current = { nearStart, nearEnd };

  const measure = useCallback(() => {
    const el = scroller.current;
    if (!el) return;
    const fromBottom = el.scrollHeight - el.scrollTop - el.clientHeight;
    pinned.current = atEndNow.current && fromBottom < PINNED_PX;
    setAwayFromEnd(fromBottom > AWAY_PX);
    keep.current = firstInView(el);
    if (el.scrollTop < LOAD_MARGIN_PX) edges.current.nearStart();
    if (fromBottom < LOAD_MARGIN_PX) edges.current.nearEnd();
  }, [scroller]);

  // A new permalink: its message goes to the middle of the view. No permalink: the bottom.
  useLayoutEffect(() => {
    bringIntoView.current = anchorSeq;
    pinned.current = anchorSeq === null;
  }, [anchorSeq]);

  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const last = items.at(-1);
    // The user's own message just written: show it, wherever they were.
    if (last && last.key !== lastKey.current && last.pending?.state === "sending") pinned.current = true;
    lastKey.current = last?.key;

    const target = bringIntoView.current;
    const row = target !== null ? el.querySelector<HTMLElement>(`[data-seq="${target}"]`) : null;
    if (row) {
      const r = row.getBoundingClientRect();
      const box = el.getBoundingClientRect();
      el.scrollTop += r.top - box.top - Math.max(0, (el.clientHeight - r.height) / 2);
      bringIntoView.current = null;
    } else if (pinned.current) {
      el.scrollTop = el.scrollHeight;
    } else if (keep.current) {
      const kept = el.querySelector<HTMLElement>(`[data-key="${CSS.escape(keep.current.key)}"]`);
      if (kept) el.scrollTop += kept.getBoundingClientRect().top - el.getBoundingClientRect().top - keep.current.top;
    }
    measure();
  }, [items, layoutKey, anchorSeq, scroller, measure]);

  const toEnd = useCallback(() => {
    const el = scroller.current;
    if (!el) return;
    pinned.current = true;
    el.scrollTop = el.scrollHeight;
    measure();
  }, [scroller, measure]);

  return { onScroll: measure, awayFromEnd, toEnd };
}

/** The first message row at least partly in view, and where its top is relative to the log's. */
function firstInView(el: HTMLElement): { key: string; top: number } | null {
  const rows = el.querySelectorAll<HTMLElement>("[data-key]");
  const top = el.getBoundingClientRect().top;
  let lo = 0;
  let hi = rows.length - 1;
  let found: HTMLElement | null = null;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const row = rows[mid]!;
    if (row.getBoundingClientRect().bottom > top) {
      found = row;
      hi = mid - 1;
    } else lo = mid + 1;
  }
  if (!found) return null;
  return { key: found.dataset.key!, top: found.getBoundingClientRect().top - top };
}
