"use client";
import { useState } from "react";
import { matchMembers, mentionQuery } from "@/app/_client/mentions";
import type { MemberName } from "@/lib/contract/models";

/**
 * "@" plus the start of a name in the composer offers the channel's members. Returns the options
 * (empty when closed), the active one, and the key handling; `pick` says what to write instead.
 */
export function useMentionAutocomplete(text: string, caret: number, members: readonly MemberName[]) {
  const [active, setActive] = useState({ query: "", index: 0 });
  const [dismissedAt, setDismissedAt] = useState<number | null>(null);
  // caret < 0: the composer does not have the focus.
  const q = caret >= 0 ? mentionQuery(text, caret) : null;
  const options = q && q.start !== dismissedAt ? matchMembers(members, q.query) : [];
  const index = q && active.query === q.query ? Math.min(active.index, options.length - 1) : 0;

  /** The text with the mention written out, and where the caret goes. */
  function pick(m: MemberName): { text: string; caret: number } {
    const start = q!.start;
    const rest = text.slice(caret).replace(/^\s+/, "");
    const insert = `@${m.name} `;
    return { text: text.slice(0, start) + insert + rest, caret: start + insert.length };
  }

  /** Handles a key when the list is open: true if it was used. `choose` gets the picked member. */
  function onKey(key: string, choose: (m: MemberName) => void): boolean {
    if (options.length === 0 || !q) return false;
    const move = (by: number) => setActive({ query: q.query, index: (index + by + options.length) % options.length });
    if (key === "ArrowDown") move(1);
    else if (key === "ArrowUp") move(-1);
    else if (key === "Enter" || key === "Tab") choose(options[index]!);
    else if (key === "Escape") setDismissedAt(q.start);
    else return false;
    return true;
  }

  return {
    options,
    activeIndex: index,
    setActiveIndex: (i: number) => q && setActive({ query: q.query, index: i }),
    pick,
    onKey,
  };
}
