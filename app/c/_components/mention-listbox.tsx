"use client";
import { useTranslations } from "next-intl";
import { Avatar } from "./avatar";
import type { MemberName } from "@/lib/contract/models";

export const mentionOptionId = (listId: string, userId: string) => `${listId}-${userId}`;

interface Props {
  id: string;
  options: readonly MemberName[];
  activeIndex: number;
  onPick: (m: MemberName) => void;
  onHover: (index: number) => void;
}

/** The members offered after "@" in the composer; the composer keeps the focus. */
export function MentionListbox({ id, options, activeIndex, onPick, onHover }: Props) {
  const t = useTranslations("composer");
  return (
    <ul id={id} role="listbox" aria-label={t("mentionSomeone")} className="listbox mention-list" hidden={options.length === 0}>
      {options.map((m, i) => (
        <li
          key={m.id}
          id={mentionOptionId(id, m.id)}
          role="option"
          aria-selected={i === activeIndex}
          className="option"
          onMouseDown={(e) => e.preventDefault()}
          onClick={() => onPick(m)}
          onMouseEnter={() => onHover(i)}
        >
          <Avatar id={m.id} name={m.name} size="small" />
          <span>{m.name}</span>
        </li>
      ))}
    </ul>
  );
}
