"use client";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useId, useRef, useState, useSyncExternalStore } from "react";
import { createPortal } from "react-dom";
import { useTranslations } from "next-intl";
import { SwitcherForm } from "./switcher-form";
import { useOpenAddress } from "./use-open-address";

const noSubscription = () => () => {};

/**
 * "Jump to conversation" (Ctrl+K, ⌘K on a Mac): a dialog that finds a conversation or a person by
 * name and opens it. The dialog is put at the end of the body, not in the sidebar: on a phone the
 * sidebar is hidden while a conversation is open, and a dialog inside it could not show.
 */
export function QuickSwitcher() {
  const t = useTranslations("switcher");
  const router = useRouter();
  const { channelId } = useOpenAddress();
  const dialog = useRef<HTMLDialogElement>(null);
  const returnTo = useRef<HTMLElement | null>(null);
  const [open, setOpen] = useState(false);
  const titleId = useId();
  const onClient = useSyncExternalStore(noSubscription, () => true, () => false);
  const shortcut = useSyncExternalStore(
    noSubscription,
    () => (/Mac|iPhone|iPad/.test(navigator.platform) ? "⌘K" : "Ctrl K"),
    () => "Ctrl K",
  );

  const show = useCallback(() => {
    const d = dialog.current;
    if (!d) return;
    if (d.open) {
      d.querySelector("input")?.select();
      return;
    }
    returnTo.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    setOpen(true);
    d.showModal();
  }, []);

  useEffect(() => {
    function onKeyDown(e: KeyboardEvent) {
      if (e.isComposing || e.altKey || e.shiftKey || !(e.ctrlKey || e.metaKey)) return;
      // e.code too: with a Korean layout the K key types ㅏ.
      if (e.key.toLowerCase() !== "k" && e.code !== "KeyK") return;
      // Another dialog (New message, Settings) has the user's attention: leave it be.
      const other = [...document.querySelectorAll("dialog[open]")].some((d) => d !== dialog.current && d.matches(":modal"));
      if (other) return;
      e.preventDefault();
      show();
    }
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, [show]);

  function closed() {
    setOpen(false);
    // Back where the user was (the dialog does this itself in most browsers; not all).
    const back = returnTo.current;
    returnTo.current = null;
    if (back?.isConnected && document.activeElement !== back) back.focus();
  }

  function go(id: string) {
    // Another conversation: its composer takes the focus as it opens, so none is given back.
    if (id !== channelId) returnTo.current = null;
    dialog.current?.close();
    if (id !== channelId) router.push(`/c/${encodeURIComponent(id)}`);
  }

  return (
    <>
      <button type="button" className="button subtle switcher-button" aria-keyshortcuts="Control+K Meta+K" onClick={show}>
        <svg aria-hidden="true" viewBox="0 0 20 20" width="16" height="16">
          <path d="M4 6h12M4 10h8M4 14h10" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" />
        </svg>
        <span className="switcher-button-label">{t("open")}</span>
        <kbd aria-hidden="true">{shortcut}</kbd>
      </button>
      {onClient &&
        createPortal(
          <dialog ref={dialog} className="dialog switcher-dialog" aria-labelledby={titleId} onClose={closed}>
            {/* Mounted only while open: every opening starts empty. */}
            {open && <SwitcherForm titleId={titleId} onChoose={go} onCancel={() => dialog.current?.close()} />}
          </dialog>,
          document.body,
        )}
    </>
  );
}
