"use client";
import { useId, useRef, useState } from "react";
import { useTranslations } from "next-intl";
import type { ChannelEntry } from "@/app/_client/store";
import { MembersPanel } from "./members-panel";

/** The "Members" button of a group and its dialog. */
export function MembersDialog({ channel }: { channel: ChannelEntry }) {
  const t = useTranslations("group");
  const dialog = useRef<HTMLDialogElement>(null);
  const [open, setOpen] = useState(false);
  const titleId = useId();

  function show() {
    setOpen(true);
    dialog.current?.showModal();
  }

  return (
    <>
      <button type="button" className="button subtle head-button members-button" onClick={show}>
        <svg aria-hidden="true" viewBox="0 0 20 20" width="18" height="18" className="head-button-icon">
          <circle cx="7.5" cy="7" r="2.8" fill="none" stroke="currentColor" strokeWidth="1.6" />
          <path d="M2.5 16c.6-2.8 2.6-4.3 5-4.3s4.4 1.5 5 4.3" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" />
          <path d="M13 4.6a2.6 2.6 0 0 1 0 4.9M14.6 11.9c1.4.5 2.4 1.8 2.9 4.1" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" />
        </svg>
        <span className="head-button-label">{t("members")}</span>
      </button>
      <dialog ref={dialog} className="dialog members-dialog" aria-labelledby={titleId} onClose={() => setOpen(false)}>
        {/* Mounted only while open: every opening starts fresh. */}
        {open && <MembersPanel channel={channel} titleId={titleId} onDone={() => dialog.current?.close()} />}
      </dialog>
    </>
  );
}
