"use client";
import { useEffect, useId, useRef } from "react";
import { deleteMessage } from "@/app/_client/message-changes";

/** "Delete message?" with a second step: a deleted message cannot be brought back. */
export function DeleteMessageDialog({ channelId, seq, mine, onClose }: { channelId: string; seq: number; mine: boolean; onClose: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    dialog.current?.showModal();
  }, []);
  return (
    <dialog ref={dialog} className="dialog confirm-dialog" aria-labelledby={titleId} onClose={onClose}>
      <div className="dialog-body">
        <h2 id={titleId}>Delete message?</h2>
        <p>
          {mine ? "It will be removed for everyone" : "It will be removed for every member"}, with its reactions; “This message was
          deleted” shows in its place.
        </p>
        <div className="dialog-actions">
          <button type="button" className="button subtle" autoFocus onClick={() => dialog.current?.close()}>
            Cancel
          </button>
          <button
            type="button"
            className="button danger"
            onClick={() => {
              deleteMessage(channelId, seq);
              dialog.current?.close();
            }}
          >
            Delete
          </button>
        </div>
      </div>
    </dialog>
  );
}
