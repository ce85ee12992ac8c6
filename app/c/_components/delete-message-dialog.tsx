"use client";
import { useEffect, useId, useRef } from "react";
import { useTranslations } from "next-intl";
import { deleteMessage } from "@/app/_client/message-changes";

interface Props {
  channelId: string;
  seq: number;
  mine: boolean;
  /** Closed without deleting (Cancel, Esc): the opener (a menu item, gone by now) cannot take the focus back. */
  onClose: () => void;
  /** Deleted: called before the message's actions (and this dialog) unmount, to place the focus. */
  onDeleted: () => void;
}

/** "Delete message?" with a second step: a deleted message cannot be brought back. */
export function DeleteMessageDialog({ channelId, seq, mine, onClose, onDeleted }: Props) {
  const t = useTranslations("deleteMessage");
  const tc = useTranslations("common");
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const deleted = useRef(false);
  useEffect(() => {
    dialog.current?.showModal();
  }, []);
  return (
    <dialog ref={dialog} className="dialog confirm-dialog" aria-labelledby={titleId} onClose={() => !deleted.current && onClose()}>
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
              deleted.current = true;
              dialog.current?.close();
              onDeleted();
              deleteMessage(channelId, seq);
            }}
          >
            {t("delete")}
          </button>
        </div>
      </div>
    </dialog>
  );
}
