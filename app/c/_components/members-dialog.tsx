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
      <button type="button" className="button subtle members-button" onClick={show}>
        {t("members")}
      </button>
      <dialog ref={dialog} className="dialog members-dialog" aria-labelledby={titleId} onClose={() => setOpen(false)}>
        {/* Mounted only while open: every opening starts fresh. */}
        {open && <MembersPanel channel={channel} titleId={titleId} onDone={() => dialog.current?.close()} />}
      </dialog>
    </>
  );
}
