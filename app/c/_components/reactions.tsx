"use client";
import { useId } from "react";
import { useTranslations } from "next-intl";
import { react } from "@/app/_client/message-changes";
import { useChat } from "@/app/_client/use-chat";
import type { Reaction } from "@/lib/contract/models";

/** "Ann, Bo and you" (Korean: "Ann, Bo, 나"). */
function names(t: ReturnType<typeof useTranslations<"actions">>, list: readonly string[]): string {
  if (list.length <= 1) return list.join("");
  return t("and", { list: list.slice(0, -1).join(", "), last: list.at(-1) ?? "" });
}

/**
 * A message's reactions: each emoji with its count, pressed when the user chose it (a click
 * toggles theirs). Who reacted shows on hover and focus, and is the button's description for
 * screen readers.
 */
export function Reactions({ channelId, seq, reactions, meId }: { channelId: string; seq: number; reactions: readonly Reaction[]; meId: string }) {
  const t = useTranslations("actions");
  const users = useChat((s) => s.users);
  const id = useId();
  if (reactions.length === 0) return null;
  return (
    <div className="reactions">
      {reactions.map((r, i) => {
        const mine = r.userIds.includes(meId);
        const who = names(t, r.userIds.map((u) => (u === meId ? t("you") : (users[u]?.name ?? t("someone")))));
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
              {t("reactedBy", { emoji: r.emoji, who })}
            </span>
          </button>
        );
      })}
    </div>
  );
}
