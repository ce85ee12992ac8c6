"use client";
import { useEffect, useId, useRef } from "react";
import { useTranslations } from "next-intl";
import { deleteMessage } from "@/app/_client/message-changes";

/** "Delete message?" with a second step: a deleted message cannot be brought back. */
export function DeleteMessageDialog({ channelId, seq, mine, onClose }: { channelId: string; seq: number; mine: boolean; onClose: () => void }) {
  const t = useTranslations("deleteMessage");
  const tc = useTranslations("common");
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    dialog.current?.showModal();
  }, []);
  return (
    <dialog ref={dialog} className="dialog confirm-dialog" aria-labelledby={titleId} onClose={onClose}>
      <div className="dialog-body">
        <h2 id={titleId}>{t("title")}</h2>
        <p>{mine ? t("forEveryone") : t("forEveryMember")}</p>
        <div className="dialog-actions">
          <button type="button" className="button subtle" autoFocus onClick={() => dialog.current?.close()}>
            {tc("cancel")}
          </button>
          <button
            type="button"
            className="button danger"
            onClick={() => {
              deleteMessage(channelId, seq);
              dialog.current?.close();
            }}
          >
            {t("delete")}
          </button>
        </div>
      </div>
    </dialog>
  );
}
