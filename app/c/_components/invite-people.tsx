"use client";
// "Invite people": only when sign-up is by invitation (SIGNUP_MODE=invite, GET /api/config).
// Makes a single-use link (POST /api/invites) and shows it with a "Copy link" button.
import { useEffect, useId, useRef, useState } from "react";
import { useLocale, useTranslations } from "next-intl";
import { useErrorText } from "@/app/_client/use-error-text";
import { api } from "@/app/_client/api";
import { copyText } from "@/app/_client/copy-text";
import type { Invite } from "@/lib/contract/models";

export function InvitePeople() {
  const t = useTranslations("invite");
  const [byInvite, setByInvite] = useState(false);
  const dialog = useRef<HTMLDialogElement>(null);
  const [open, setOpen] = useState(false);
  const titleId = useId();

  useEffect(() => {
    let live = true;
    api("GET /api/config")
      .then((c) => live && setByInvite(c.signupMode === "invite"))
      .catch(() => {});
    return () => {
      live = false;
    };
  }, []);

  if (!byInvite) return null;
  return (
    <div className="sidebar-invite">
      <button
        type="button"
        className="button subtle"
        onClick={() => {
          setOpen(true);
          dialog.current?.showModal();
        }}
      >
        {t("title")}
      </button>
      <dialog ref={dialog} className="dialog" aria-labelledby={titleId} onClose={() => setOpen(false)}>
        {/* Mounted only while open: every opening makes a new link. */}
        {open && <InviteLink titleId={titleId} onDone={() => dialog.current?.close()} />}
      </dialog>
    </div>
  );
}

function InviteLink({ titleId, onDone }: { titleId: string; onDone: () => void }) {
  const t = useTranslations("invite");
  const tc = useTranslations("common");
  const locale = useLocale();
  const errorText = useErrorText();
  const [invite, setInvite] = useState<Invite | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  const linkId = useId();

  useEffect(() => {
    let live = true;
    api("POST /api/invites", { body: {} })
      .then(({ invite }) => live && setInvite(invite))
      .catch((err: unknown) => live && setError(errorText(err, t("couldNotMake"))));
    return () => {
      live = false;
    };
  }, [errorText, t]);

  // The page's own origin: the address people actually reach this app at.
  const url = invite ? `${window.location.origin}/signup?invite=${encodeURIComponent(invite.code)}` : "";

  return (
    <div className="dialog-body">
      <div className="dialog-head">
        <h2 id={titleId}>{t("title")}</h2>
        <button type="button" className="icon-button" aria-label={tc("close")} onClick={onDone}>
          ×
        </button>
      </div>
      <div className="field">
        <label htmlFor={linkId}>{t("link")}</label>
        <input id={linkId} type="text" readOnly value={url} placeholder={t("making")} onFocus={(e) => e.currentTarget.select()} aria-describedby={`${linkId}-hint`} />
        {invite && (
          <small id={`${linkId}-hint`}>
            {t("hint", { date: new Date(invite.expiresAt).toLocaleDateString(locale) })}
          </small>
        )}
      </div>
      {error && (
        <p role="alert" className="form-error">
          {error}
        </p>
      )}
      <div className="dialog-actions">
        <span role="status" className="copy-status">
          {copied ? t("copied") : ""}
        </span>
        <button type="button" className="button subtle" onClick={onDone}>
          {t("done")}
        </button>
        <button type="button" className="button primary" disabled={!invite} onClick={() => void copyText(url).then(setCopied)}>
          {t("copy")}
        </button>
      </div>
    </div>
  );
}
