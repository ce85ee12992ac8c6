"use client";
import { useCallback, useEffect, useRef, useState } from "react";
import { loadLatest } from "@/app/_client/history";
import { letGoOutside } from "@/app/_client/device-state";
import { chatStore } from "@/app/_client/store";

/** More held messages of one channel than this, and the page lets go of those far from view. */
export const MAX_HELD = 600;
/** Kept on each side of what is in view when letting go (more than a page, so nothing visible reloads). */
const KEEP_AROUND = 200;

/**
 * Which run of held messages the log shows, and how much of the channel the page keeps in memory.
 * The run is the one around the permalink's message, or the newest; once the page has let go of
 * messages, the run is the one around what is in view (the "pivot"), so that the view never
 * jumps to another run the store holds. "Jump to latest" from a run that no longer reaches the
 * newest message starts over from the latest page (a new list: `generation`).
 */
export function useLogWindow(channelId: string, anchorSeq: number | null) {
  // Set when the page has let go of messages: the first seq in view then.
  const [moved, setMoved] = useState<number | null>(null);
  const [generation, setGeneration] = useState(0);
  const inView = useRef<{ start: number; end: number } | null>(null);

  const letGoFarFromView = useCallback(() => {
    const s = chatStore.getState();
    const held = s.messages[channelId];
    const view = inView.current;
    if (!held || held.length <= MAX_HELD || !view) return;
    const h = s.history[channelId];
    // A page on its way would land outside the kept range: wait for it.
    if (h?.loadingOlder || h?.loadingNewer || h?.loadingLatest) return;
    const first = held.find((m) => m.seq >= view.start);
    if (!first) return;
    setMoved(first.seq);
    letGoOutside(channelId, view.start - KEEP_AROUND, view.end + KEEP_AROUND);
  }, [channelId]);

  const heldCount = chatStore.getState().messages[channelId]?.length ?? 0;
  useEffect(() => {
    if (heldCount > MAX_HELD) letGoFarFromView();
  });

  const onRange = useCallback(
    (start: number, end: number) => {
      inView.current = { start, end };
      letGoFarFromView();
    },
    [letGoFarFromView],
  );

  /** Back to the newest messages when the run shown does not reach them: a new list from the latest page. */
  const restartAtLatest = useCallback(() => {
    setMoved(null);
    setGeneration((g) => g + 1);
    // Nothing of the old run stays to be shown as "the newest run" while the latest page is read.
    letGoOutside(channelId, Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER);
    void loadLatest(channelId);
  }, [channelId]);

  return { pivot: moved ?? anchorSeq, moved: moved !== null, generation, onRange, restartAtLatest };
}
