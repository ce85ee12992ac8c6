"use client";
import { useId, useRef, useState } from "react";
import { useTranslations } from "next-intl";
import { LanguageSection } from "./language-section";
import { NotificationsSection } from "./notifications-section";
import { PasswordSection } from "./password-section";
import { ProfileSection } from "./profile-section";
import { ReadReceiptsSection } from "./read-receipts-section";
import { SessionsSection } from "./sessions-section";
import { ThemeSection } from "./theme-section";

/** The "Settings" button of the sidebar and its dialog; each part of it is its own section. */
export function SettingsDialog() {
  const dialog = useRef<HTMLDialogElement>(null);
  const [open, setOpen] = useState(false);
  // A password change ends the other sessions: the list is loaded again.
  const [sessionsKey, setSessionsKey] = useState(0);
  const t = useTranslations("settings");
  const tc = useTranslations("common");
  const titleId = useId();

  function show() {
    setOpen(true);
    dialog.current?.showModal();
  }

  return (
    <>
      <button type="button" className="button subtle" onClick={show}>
        {t("title")}
      </button>
      <dialog ref={dialog} className="dialog settings-dialog" aria-labelledby={titleId} onClose={() => setOpen(false)}>
        {/* Mounted only while open: every opening loads fresh. */}
        {open && (
          <div className="dialog-body">
            <div className="dialog-head">
              <h2 id={titleId}>{t("title")}</h2>
              <button type="button" className="icon-button" aria-label={tc("close")} onClick={() => dialog.current?.close()}>
                ×
              </button>
            </div>
            <ProfileSection />
            <NotificationsSection />
            <ThemeSection />
            <LanguageSection />
            <ReadReceiptsSection />
            <PasswordSection onChanged={() => setSessionsKey((k) => k + 1)} />
            <SessionsSection key={sessionsKey} />
          </div>
        )}
      </dialog>
    </>
  );
}
