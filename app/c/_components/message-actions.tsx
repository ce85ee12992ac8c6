"use client";
import { useLayoutEffect, useRef, useState } from "react";
import { useTranslations } from "next-intl";
import { react } from "@/app/_client/message-changes";
import { copyText } from "@/app/_client/copy-text";
import { permalinkPath } from "@/app/_client/message-runs";
import { setEditing, setReplyTo, showNotice } from "@/app/_client/store";
import { DeleteMessageDialog } from "./delete-message-dialog";
import { EmojiPicker } from "./emoji-picker";

interface Props {
  channelId: string;
  seq: number;
  /** The user wrote it: they may edit it. */
  mine: boolean;
  /** Theirs, or the user owns or administers the group. */
  canDelete: boolean;
  /** Emoji the user has already reacted with (picking one again takes it back). */
  myReactions: readonly string[];
}

/** Focuses the composer of a channel (after choosing Reply). */
function focusComposer(channelId: string) {
  document.getElementById(`composer-${channelId}`)?.focus();
}

/**
 * Shown on hover or focus (or a tap on the message): "Add reaction" and "Reply" at hand, and
 * "More actions" with everything (Reply, Edit, Delete, Add reaction, Copy link) as a menu.
 */
export function MessageActions({ channelId, seq, mine, canDelete, myReactions }: Props) {
  const t = useTranslations("actions");
  const [menu, setMenu] = useState(false);
  const [picking, setPicking] = useState<HTMLElement | null>(null);
  const [deleting, setDeleting] = useState(false);
  const reactButton = useRef<HTMLButtonElement>(null);
  const moreButton = useRef<HTMLButtonElement>(null);
  const menuRef = useRef<HTMLDivElement>(null);

  useLayoutEffect(() => {
    // Near the bottom of the log the menu opens upwards (the log would clip it).
    const el = menuRef.current;
    const log = el?.closest(".log");
    if (!el || !log) return;
    el.classList.toggle("up", el.getBoundingClientRect().bottom > log.getBoundingClientRect().bottom);
  }, [menu]);

  async function copy() {
    const url = new URL(permalinkPath(channelId, seq), window.location.origin).href;
    showNotice((await copyText(url)) ? t("linkCopied") : t("couldNotCopy"));
  }

  function reply() {
    setReplyTo(channelId, seq);
    focusComposer(channelId);
  }

  function closeMenu(refocus = true) {
    setMenu(false);
    if (refocus) moreButton.current?.focus();
  }

  function onMenuKey(e: React.KeyboardEvent) {
    const items = [...(menuRef.current?.querySelectorAll<HTMLButtonElement>('[role="menuitem"]') ?? [])];
    const at = items.indexOf(document.activeElement as HTMLButtonElement);
    const to = (i: number) => items[(i + items.length) % items.length]?.focus();
    if (e.key === "ArrowDown") to(at + 1);
    else if (e.key === "ArrowUp") to(at - 1);
    else if (e.key === "Home") to(0);
    else if (e.key === "End") to(items.length - 1);
    else if (e.key === "Escape" || e.key === "Tab") {
      if (e.key === "Escape") e.stopPropagation();
      closeMenu(e.key === "Escape");
      if (e.key === "Tab") return;
    } else return;
    e.preventDefault();
  }

  const item = (label: string, run: () => void, danger = false) => (
    <button
      type="button"
      role="menuitem"
      className={`menu-item${danger ? " danger" : ""}`}
      onClick={() => {
        closeMenu(false);
        run();
      }}
    >
      {label}
    </button>
  );

  return (
    <div className={`message-actions${menu || picking || deleting ? " open" : ""}`}>
      <button
        ref={reactButton}
        type="button"
        className="action-button icon"
        aria-label={t("addReaction")}
        title={t("addReaction")}
        aria-expanded={picking !== null}
        onClick={() => setPicking(picking ? null : reactButton.current)}
      >
        <svg aria-hidden="true" viewBox="0 0 20 20" width="16" height="16">
          <circle cx="9" cy="10" r="6.5" fill="none" stroke="currentColor" strokeWidth="1.6" />
          <path d="M6.5 11.5a3 3 0 0 0 5 0" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" />
          <circle cx="7" cy="8.3" r="1" fill="currentColor" />
          <circle cx="11" cy="8.3" r="1" fill="currentColor" />
          <path d="M16 2v5M13.5 4.5h5" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" />
        </svg>
      </button>
      <button type="button" className="action-button icon" aria-label={t("reply")} title={t("reply")} onClick={reply}>
        <svg aria-hidden="true" viewBox="0 0 20 20" width="16" height="16">
          <path d="M8 5 3.5 9.5 8 14M4 9.5h7a5 5 0 0 1 5 5V16" fill="none" stroke="currentColor" strokeWidth="1.7" strokeLinecap="round" strokeLinejoin="round" />
        </svg>
      </button>
      <button
        ref={moreButton}
        type="button"
        className="action-button icon"
        aria-label={t("more")}
        title={t("more")}
        aria-haspopup="menu"
        aria-expanded={menu}
        onClick={() => {
          setMenu(!menu);
          if (!menu) requestAnimationFrame(() => menuRef.current?.querySelector<HTMLButtonElement>('[role="menuitem"]')?.focus());
        }}
      >
        <svg aria-hidden="true" viewBox="0 0 20 20" width="16" height="16">
          <circle cx="4.5" cy="10" r="1.6" fill="currentColor" />
          <circle cx="10" cy="10" r="1.6" fill="currentColor" />
          <circle cx="15.5" cy="10" r="1.6" fill="currentColor" />
        </svg>
      </button>
      {menu && (
        <div
          ref={menuRef}
          className="action-menu"
          role="menu"
          aria-label={t("more")}
          onKeyDown={onMenuKey}
          onBlur={(e) => {
            if (!e.currentTarget.contains(e.relatedTarget as Node) && e.relatedTarget !== moreButton.current) setMenu(false);
          }}
        >
          {item(t("reply"), reply)}
          {mine && item(t("edit"), () => setEditing({ channelId, seq }))}
          {item(t("addReaction"), () => setPicking(reactButton.current))}
          {item(t("copyLink"), () => void copy())}
          {canDelete && item(t("delete"), () => setDeleting(true), true)}
        </div>
      )}
      {picking && (
        <EmojiPicker
          anchor={picking}
          onClose={() => setPicking(null)}
          onPick={(emoji) => react(channelId, seq, emoji, !myReactions.includes(emoji))}
        />
      )}
      {deleting && (
        <DeleteMessageDialog
          channelId={channelId}
          seq={seq}
          mine={mine}
          onClose={() => {
            // While the actions are still shown (open): focus keeps them shown afterwards.
            moreButton.current?.focus();
            setDeleting(false);
          }}
          // The message's actions go with it: the composer is where the user goes on.
          onDeleted={() => {
            focusComposer(channelId);
            setDeleting(false);
          }}
        />
      )}
    </div>
  );
}
