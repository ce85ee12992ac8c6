"use client";
import { useId } from "react";
import { react } from "@/app/_client/message-changes";
import { useChat } from "@/app/_client/use-chat";
import type { Reaction } from "@/lib/contract/models";

/** "Ann, Bo and you". */
function names(list: readonly string[]): string {
  if (list.length <= 1) return list.join("");
  return `${list.slice(0, -1).join(", ")} and ${list.at(-1)}`;
}

/**
 * A message's reactions: each emoji with its count, pressed when the user chose it (a click
 * toggles theirs). Who reacted shows on hover and focus, and is the button's description for
 * screen readers.
 */
export function Reactions({ channelId, seq, reactions, meId }: { channelId: string; seq: number; reactions: readonly Reaction[]; meId: string }) {
  const users = useChat((s) => s.users);
  const id = useId();
  if (reactions.length === 0) return null;
  return (
    <div className="reactions">
      {reactions.map((r, i) => {
        const mine = r.userIds.includes(meId);
        const who = names(r.userIds.map((u) => (u === meId ? "you" : (users[u]?.name ?? "someone"))));
        return (
          <button
            key={r.emoji}
            type="button"
            className={`reaction${mine ? " mine" : ""}`}
            aria-pressed={mine}
            aria-describedby={`${id}-${i}`}
            onClick={() => react(channelId, seq, r.emoji, !mine)}
          >
            <span className="reaction-emoji">{r.emoji}</span> <span className="reaction-count">{r.userIds.length}</span>
            <span id={`${id}-${i}`} className="reaction-who" role="tooltip">
              {`${r.emoji} by ${who}`}
            </span>
          </button>
        );
      })}
    </div>
  );
}
