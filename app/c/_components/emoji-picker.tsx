"use client";
import { useTranslations } from "next-intl";
import { useEffect, useLayoutEffect, useRef, useState } from "react";
import { COMMON_EMOJI, loadRecentEmoji, noteRecentEmoji } from "@/app/_client/recent-emoji";
import { asOneEmoji } from "@/lib/contract/emoji";

const COLUMNS = 8;
const WIDTH = 312;

interface Props {
  /** The button that opened it: the picker sits next to it, and focus returns to it on close. */
  anchor: HTMLElement | null;
  onPick: (emoji: string) => void;
  onClose: () => void;
}

/**
 * A small reaction picker: recent emoji (this browser's), a common set, and a field for any
 * other emoji (the system's emoji keyboard works there). Arrow keys move through the grid,
 * Escape closes. On narrow screens it is a sheet at the bottom of the screen.
 */
export function EmojiPicker({ anchor, onPick, onClose }: Props) {
  const t = useTranslations("emoji");
  const ta = useTranslations("actions");
  const box = useRef<HTMLDivElement>(null);
  const [recent] = useState(loadRecentEmoji);
  const [other, setOther] = useState("");
  const [problem, setProblem] = useState<string | null>(null);

  useLayoutEffect(() => {
    const el = box.current;
    if (!el) return;
    // Fixed next to the button (the log scrolls and would clip it); below it when there is no room above.
    if (anchor && window.innerWidth > 480) {
      const r = anchor.getBoundingClientRect();
      const height = el.offsetHeight;
      const top = r.top - height - 6 >= 8 ? r.top - height - 6 : Math.min(r.bottom + 6, window.innerHeight - height - 8);
      el.style.top = `${Math.max(8, top)}px`;
      el.style.left = `${Math.max(8, Math.min(r.right - WIDTH, window.innerWidth - WIDTH - 8))}px`;
    }
    el.querySelector<HTMLButtonElement>(".emoji-option")?.focus();
  }, [anchor]);

  useEffect(() => {
    const away = (e: PointerEvent) => {
      if (box.current && !box.current.contains(e.target as Node) && !anchor?.contains(e.target as Node)) onClose();
    };
    document.addEventListener("pointerdown", away);
    return () => document.removeEventListener("pointerdown", away);
  }, [anchor, onClose]);

  function close() {
    onClose();
    anchor?.focus();
  }

  function pick(emoji: string) {
    noteRecentEmoji(emoji);
    onPick(emoji);
    close();
  }

  function onKeyDown(e: React.KeyboardEvent) {
    if (e.key === "Escape") {
      e.preventDefault();
      e.stopPropagation();
      close();
      return;
    }
    const target = e.target as HTMLElement;
    if (!target.classList.contains("emoji-option")) return;
    const grid = target.closest(".emoji-grid");
    const options = [...(grid?.querySelectorAll<HTMLButtonElement>(".emoji-option") ?? [])];
    const at = options.indexOf(target as HTMLButtonElement);
    const step = { ArrowRight: 1, ArrowLeft: -1, ArrowDown: COLUMNS, ArrowUp: -COLUMNS }[e.key];
    if (step === undefined || at < 0) return;
    e.preventDefault();
    options[Math.max(0, Math.min(options.length - 1, at + step))]?.focus();
  }

  function submitOther(e: React.FormEvent) {
    e.preventDefault();
    const emoji = asOneEmoji(other.trim());
    if (emoji === null) {
      setProblem(t("oneEmoji"));
      return;
    }
    pick(emoji);
  }

  const grid = (label: string, list: readonly string[]) => (
    <div className="emoji-section">
      <h3 className="emoji-heading">{label}</h3>
      <div className="emoji-grid" role="group" aria-label={label}>
        {list.map((emoji) => (
          <button key={emoji} type="button" className="emoji-option" onClick={() => pick(emoji)}>
            {emoji}
          </button>
        ))}
      </div>
    </div>
  );

  return (
    <div ref={box} className="emoji-picker" role="dialog" aria-label={ta("addReaction")} onKeyDown={onKeyDown}>
      {recent.length > 0 && grid(t("recent"), recent)}
      {grid(t("emoji"), COMMON_EMOJI)}
      <form className="emoji-other" onSubmit={submitOther}>
        <input
          aria-label={t("any")}
          placeholder={t("anyPlaceholder")}
          value={other}
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? "emoji-problem" : undefined}
          onChange={(e) => {
            setOther(e.target.value);
            setProblem(null);
          }}
        />
        <button type="submit" className="button subtle">
          {t("add")}
        </button>
      </form>
      {problem && (
        <p id="emoji-problem" className="emoji-problem" role="alert">
          {problem}
        </p>
      )}
    </div>
  );
}
