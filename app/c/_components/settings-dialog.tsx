"use client";
import { useId, useRef, useState } from "react";
import { ReadReceiptsSection } from "./read-receipts-section";
import { SessionsSection } from "./sessions-section";

/** The "Settings" button of the sidebar and its dialog; each part of it is its own section. */
export function SettingsDialog() {
  const dialog = useRef<HTMLDialogElement>(null);
  const [open, setOpen] = useState(false);
  const titleId = useId();

  function show() {
    setOpen(true);
    dialog.current?.showModal();
  }

  return (
    <>
      <button type="button" className="button subtle" onClick={show}>
        Settings
      </button>
      <dialog ref={dialog} className="dialog settings-dialog" aria-labelledby={titleId} onClose={() => setOpen(false)}>
        {/* Mounted only while open: every opening loads fresh. */}
        {open && (
          <div className="dialog-body">
            <div className="dialog-head">
              <h2 id={titleId}>Settings</h2>
              <button type="button" className="icon-button" aria-label="Close" onClick={() => dialog.current?.close()}>
                ×
              </button>
            </div>
            <ReadReceiptsSection />
            <SessionsSection />
          </div>
        )}
      </dialog>
    </>
  );
}
